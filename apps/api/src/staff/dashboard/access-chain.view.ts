import type { ChainBreak, ChainReport, FullVerification } from '@app/audit';
import { seoulDateTime } from '@app/claimants';
import type { CONSOLE_COPY } from '../console-copy';
import { fill } from '../console-copy';

type Copy = (typeof CONSOLE_COPY)['ko']['accessLog'];

/**
 * The tamper check as the access-log page shows it: this visit's verification (the rows since
 * the last verified head) and the newest full one. The chain is shown intact only when both
 * hold: a visit cannot see an edit behind its checkpoint, and a full verification that found one
 * keeps saying so until a newer full verification holds.
 */
export function chainView(report: ChainReport, full: FullVerification | null, copy: Copy, nameOf: (staffId: string) => string | undefined) {
  const count = (n: number) => n.toLocaleString('ko-KR');
  const broken = (b: ChainBreak) => ({ id: b.id ?? '—', seq: b.chainSeq, problem: copy.problems[b.problem] ?? b.problem });
  let text: string;
  if (report.firstBreak && report.since) {
    text = fill(copy.chainBrokenSince, { ...broken(report.firstBreak), rows: count(report.rows), from: report.since.seq, at: seoulDateTime(report.since.verifiedAt) });
  } else if (report.firstBreak) text = fill(copy.chainBroken, { ...broken(report.firstBreak), rows: count(report.rows) });
  else if (report.since) text = fill(copy.chainOkSince, { rows: count(report.rows), seq: report.since.seq, at: seoulDateTime(report.since.verifiedAt) });
  else text = fill(copy.chainOk, { rows: count(report.rows) });
  const fullText = full && (full.firstBreak
    ? fill(copy.fullBroken, { ...broken(full.firstBreak), rows: count(full.rows), at: seoulDateTime(full.verifiedAt), by: by(full, copy, nameOf) })
    : fill(copy.fullOk, { rows: count(full.rows), at: seoulDateTime(full.verifiedAt), by: by(full, copy, nameOf) }));
  // A break found by the full recomputation leads when this visit found none.
  const fullLeads = !report.firstBreak && !!full?.firstBreak;
  return {
    ok: !report.firstBreak && !full?.firstBreak,
    text: fullLeads ? fullText! : text,
    full: { ok: !full?.firstBreak, text: fullLeads ? text : (fullText ?? copy.fullNever) },
    head: report.head && { label: fill(copy.chainHead, { seq: report.head.seq }), hash: report.head.hash },
  };
}

function by(full: FullVerification, copy: Copy, nameOf: (staffId: string) => string | undefined): string {
  return full.verifiedBy === null ? copy.byCommand : (nameOf(full.verifiedBy) ?? full.verifiedBy);
}
