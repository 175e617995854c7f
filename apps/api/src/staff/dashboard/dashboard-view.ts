import { barChart, type CaseSummary, CLAIM_STATUSES, funnelRates, seoulDate, seoulDateTime, seoulHour, VERDICTS } from '@app/claimants';
import type { ConsoleCopy } from '../console-copy';

const won = (n: number) => Math.round(n).toLocaleString('ko-KR');
const count = (n: number) => n.toLocaleString('ko-KR');

/** A chart and its table alternative, ready for the template (labels, bars, formatted counts). */
export function chartView(series: { start: Date; count: number }[], unit: 'day' | 'hour', title: string) {
  const labelled = series.map((s) => ({
    count: s.count,
    label: unit === 'day' ? seoulDate(s.start).slice(5) : `${String(seoulHour(s.start)).padStart(2, '0')}:00`,
    full: unit === 'day' ? seoulDate(s.start) : seoulDateTime(s.start),
  }));
  const chart = barChart(labelled, { maxLabels: unit === 'day' ? 10 : 12 });
  return {
    title,
    ...chart,
    totalText: count(chart.total),
    bars: chart.bars.map((b, i) => ({ ...b, full: labelled[i].full, countText: count(b.count), labelX: Math.round((b.x + b.width / 2) * 10) / 10 })),
  };
}

/** The summary's numbers with their labels, in the page's language. */
export function summaryView(summary: CaseSummary, copy: ConsoleCopy['dashboard']) {
  const rates = funnelRates(summary.funnel);
  const widest = Math.max(1, ...summary.funnel.map((f) => f.count));
  return {
    total: count(summary.total),
    estimateWon: won(summary.estimateWon),
    funnel: summary.funnel.map((f, i) => ({
      stage: f.stage,
      label: copy.stages[f.stage],
      count: f.count,
      countText: count(f.count),
      rate: rates[i] === null ? '' : `${(rates[i]! * 100).toFixed(1)}%`,
      // Width class in steps of 5% (no inline styles under the CSP).
      widthClass: `w${Math.round((f.count / widest) * 20) * 5}`,
    })),
    byStatus: CLAIM_STATUSES.map((s) => ({ key: s, label: copy.statuses[s], count: count(summary.byStatus[s]) })),
    byVerdict: VERDICTS.map((v) => ({ key: v || 'none', label: copy.verdicts[v], count: count(summary.byVerdict[v]) })),
    flagged: count(summary.flagged),
    notFlagged: count(summary.total - summary.flagged),
  };
}

export { won, count };
