import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface Waiter {
  to: string;
  test: (text: string) => boolean;
  resolve: (text: string) => void;
}

/**
 * An SMTP server that accepts everything, counts it, and keeps only what someone waits for: the
 * decoded text of a message to an address that matches (the receipt with the status link). The
 * many code and resume emails of the upload phase are counted and dropped, so the sink stays small.
 */
export class SmtpInbox {
  received = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly server: SMTPServer;
  port = 0;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 1024 * 1024,
      onData: (stream, session, callback) => {
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const wanted = [...this.waiters].filter((w) => recipients.includes(w.to));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => wanted.length && chunks.push(chunk));
        stream.on('end', () => {
          this.received++;
          callback();
          if (!wanted.length) return;
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            const text = `${mail.subject ?? ''}\n${mail.text ?? ''}`;
            for (const w of wanted) {
              if (this.waiters.has(w) && w.test(text)) {
                this.waiters.delete(w);
                w.resolve(text);
              }
            }
          }, () => undefined);
        });
      },
    });
  }

  static async start(): Promise<SmtpInbox> {
    const inbox = new SmtpInbox();
    inbox.server.on('error', () => undefined);
    await new Promise<void>((resolve) => inbox.server.listen(0, '127.0.0.1', resolve));
    inbox.port = (inbox.server.server.address() as AddressInfo).port;
    return inbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The text of the next message to `to` whose text passes `test`; call it before the message can arrive. */
  waitFor(to: string, test: (text: string) => boolean, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no email to ${to} matched within ${timeoutMs / 1000} s (${this.received} received in all)`));
      }, timeoutMs);
      const waiter: Waiter = { to: to.toLowerCase(), test, resolve: (text) => (clearTimeout(timer), resolve(text)) };
      this.waiters.add(waiter);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
