import type { ChainBreak, ChainReport, FullVerification } from '@app/audit';
import { seoulDateTime } from '@app/claimants';
import type { CONSOLE_COPY } from '../console-copy';
import { fill } from '../console-copy';

type Copy = (typeof CONSOLE_COPY)['ko']['accessLog'];

/**
 * The tamper check as the access-log page shows it: this visit's verification (the rows since
 * the last verified head) and the newest full recomputation (or the one running). The chain is
 * shown intact only when both hold: a visit cannot see an edit behind its checkpoint, and a full
 * recomputation that found one keeps saying so until a newer one holds.
 */
export function chainView(report: ChainReport, full: { last: FullVerification | null; running: FullVerification | null }, copy: Copy, nameOf: (staffId: string) => string | undefined) {
  const count = (n: number) => n.toLocaleString('ko-KR');
  const broken = (b: ChainBreak) => ({ id: b.id ?? '—', seq: b.chainSeq, problem: copy.problems[b.problem] ?? b.problem });
  const by = (v: FullVerification) => (v.verifiedBy === null ? copy.byCommand : (nameOf(v.verifiedBy) ?? v.verifiedBy));
  let text: string;
  if (report.firstBreak && report.since) {
    text = fill(copy.chainBrokenSince, { ...broken(report.firstBreak), rows: count(report.rows), from: report.since.seq, at: seoulDateTime(report.since.verifiedAt) });
  } else if (report.firstBreak) text = fill(copy.chainBroken, { ...broken(report.firstBreak), rows: count(report.rows) });
  else if (report.since) text = fill(copy.chainOkSince, { rows: count(report.rows), seq: report.since.seq, at: seoulDateTime(report.since.verifiedAt) });
  else text = fill(copy.chainOk, { rows: count(report.rows) });
  if (!report.firstBreak && report.remaining > 0) text += ` ${fill(copy.chainMore, { n: count(report.remaining) })}`;
  const { last, running } = full;
  const lastText = last && (last.firstBreak
    ? fill(copy.fullBroken, { ...broken(last.firstBreak), rows: count(last.rows), at: seoulDateTime(last.finishedAt!), by: by(last) })
    : fill(copy.fullOk, { rows: count(last.rows), at: seoulDateTime(last.finishedAt!), by: by(last) }));
  // A break found by the full recomputation leads when this visit found none.
  const fullLeads = !report.firstBreak && !!last?.firstBreak;
  return {
    ok: !report.firstBreak && !last?.firstBreak,
    text: fullLeads ? lastText! : text,
    full: { text: fullLeads ? text : (lastText ?? copy.fullNever) },
    running: running && fill(copy.fullRunning, { rows: count(running.rows), at: seoulDateTime(running.requestedAt), by: by(running) }),
    head: report.head && { label: fill(copy.chainHead, { seq: report.head.seq }), hash: report.head.hash },
  };
}
