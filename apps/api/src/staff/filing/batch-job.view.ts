import { seoulDateTime } from '@app/claimants';
import type { BatchJob } from '@app/filing';
import { type Locale, message } from '@app/http';
import type { CONSOLE_COPY } from '../console-copy';
import { fill } from '../console-copy';

type Copy = (typeof CONSOLE_COPY)['ko']['batches'];

const count = (n: number) => new Intl.NumberFormat('ko-KR').format(n);

/** The batch's running job (or its latest) as one sentence on the batch page. */
export function jobView(job: BatchJob, copy: Copy, locale: Locale): { running: boolean; text: string } {
  const at = seoulDateTime(job.finishedAt ?? job.startedAt);
  // A stopped job's outcome names why by a message key (batch.notOpen, batch.empty).
  const reason = typeof job.outcome?.reason === 'string' ? message(locale, job.outcome.reason) : '';
  if (job.kind === 'fill') {
    if (job.status === 'running') return { running: true, text: fill(copy.jobFillRunning, { done: count(job.done), requested: count(job.requested ?? 0), at }) };
    return { running: false, text: fill(job.status === 'done' ? copy.jobFillDone : copy.jobFillStopped, { done: count(job.done), at, reason }) };
  }
  if (job.status === 'running') return { running: true, text: fill(copy.jobLockRunning, { at }) };
  if (job.status === 'stopped') return { running: false, text: fill(copy.jobLockStopped, { at, reason }) };
  return { running: false, text: fill(copy.jobLockDone, { at, n: count(Number(job.outcome?.plaintiffs ?? 0)), released: count(Number(job.outcome?.released ?? 0)) }) };
}
