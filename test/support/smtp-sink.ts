import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = ParsedMail & { receivedAt: number };

/**
 * A real SMTP server inside the test: it accepts every message and keeps it parsed, with the
 * time it arrived. `holdMs` keeps each transaction open that long before accepting, as a slow
 * mail server would; `rejectRecipient` answers 550 for the addresses it picks.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private readonly server: SMTPServer;
  port = 0;

  constructor(
    private readonly holdMs = 0,
    rejectRecipient: (address: string) => boolean = () => false,
  ) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // As real servers do, the rejection echoes the address back.
      onRcptTo: (address, _session, callback) => {
        if (!rejectRecipient(address.address)) return callback();
        const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), { responseCode: 550 });
        callback(error);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.holdMs) await new Promise((r) => setTimeout(r, this.holdMs));
            this.messages.push(Object.assign(mail, { receivedAt: Date.now() }));
            callback();
          })
          .catch(callback);
      },
    });
  }

  static async start(options: { holdMs?: number; rejectRecipient?: (address: string) => boolean } = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options.holdMs, options.rejectRecipient);
    // A client that dies mid-message (a SIGKILLed worker) resets its connection: not our error.
    sink.server.on('error', () => undefined);
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.port = (sink.server.server.address() as AddressInfo).port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until a message matching `predicate` arrives (or fails after `timeoutMs`). */
  async waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching email within ${timeoutMs} ms (got ${this.messages.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
