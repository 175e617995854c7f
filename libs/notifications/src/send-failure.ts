/**
 * A failed send, described without anything the mail server said: servers echo the recipient's
 * address back ("550 5.1.1 <kim@example.com>: Recipient address rejected"), and this text goes
 * to the notifications row, the logs and Redis (BullMQ keeps a failed job's reason). Kept: the
 * transport's error code, the SMTP reply code and the command that failed, which is what an
 * operator needs.
 */
export class SendFailure extends Error {
  override name = 'SendFailure';

  static of(error: unknown): SendFailure {
    const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
    const parts = [
      typeof e.code === 'string' && /^[A-Z_]{2,30}$/.test(e.code) ? e.code : 'ERROR',
      typeof e.responseCode === 'number' && Number.isInteger(e.responseCode) ? String(e.responseCode) : null,
      typeof e.command === 'string' && /^[A-Z ]{2,20}$/.test(e.command) ? `at ${e.command}` : null,
    ];
    return new SendFailure(`email not sent: ${parts.filter(Boolean).join(' ')}`);
  }
}
