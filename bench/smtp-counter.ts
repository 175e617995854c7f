import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server that accepts everything and counts deliveries per Message-ID: the fault
 * trial's witness of whether any email went out twice, or not at all.
 */
export class SmtpCounter {
  readonly deliveries = new Map<string, number>();
  private readonly server: SMTPServer;
  port = 0;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 64 * 1024) head += chunk.toString('utf8');
        });
        stream.on('end', () => {
          // Headers end at the first empty line; Message-ID may be folded onto the next line.
          const headers = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const id = /^message-id:\s*(<[^>]+>)/im.exec(headers)?.[1] ?? '(none)';
          this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
  }

  static async start(): Promise<SmtpCounter> {
    const counter = new SmtpCounter();
    // A client that dies mid-message (a SIGKILLed worker) resets its connection: not our error.
    counter.server.on('error', () => undefined);
    await new Promise<void>((resolve) => counter.server.listen(0, '127.0.0.1', resolve));
    counter.port = (counter.server.server.address() as AddressInfo).port;
    return counter;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get total(): number {
    return [...this.deliveries.values()].reduce((a, b) => a + b, 0);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
