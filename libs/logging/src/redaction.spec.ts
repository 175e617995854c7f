import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACT_PATHS } from './logging.module';

/** Personal fields never reach a log line, even when code logs them by mistake. */
describe('log redaction', () => {
  it('censors personal fields at the top level and one level down', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);

    logger.info({ email: 'a@example.com', claimant: { name: '김민지' }, body: { phone: '010-1234-5678', birthDate: '1990-01-01' } }, 'oops');
    logger.info({ req: { headers: { cookie: 'session=abc', 'idempotency-key': 'key-123' }, remoteAddress: '203.0.113.9' } }, 'request');

    const out = lines.join('\n');
    for (const secret of ['a@example.com', '김민지', '010-1234-5678', '1990-01-01', 'session=abc', 'key-123', '203.0.113.9']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('oops');
  });
});
