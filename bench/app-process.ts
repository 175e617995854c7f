import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { builtApp } from './dist-path';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the process ignored SIGTERM and had to be killed. */
  killed: boolean;
  /** From SIGTERM to exit, when stop() sent it. */
  stopMs: number | null;
}

const LOG_TAIL_LINES = 40;

/**
 * One built app (`dist/apps/<role>/src/main.js`) running as a child process, with its
 * memory sampled from /proc while it runs and the tail of its output kept for diagnosis.
 */
/** The API as deployed runs with a heap limit (package.json start:api, docker/Dockerfile): memory figures are the deployment's. */
const API_NODE_ARGS = ['--max-old-space-size=256'];

export class AppProcess {
  readonly exited: Promise<ExitInfo>;
  /** Highest VmRSS seen by the sampler, in kB. */
  peakRssKb = 0;
  /** Lines the process wrote to stdout/stderr; at LOG_LEVEL=warn each one is worth a look. */
  outputLines = 0;
  private readonly logTail: string[] = [];
  private readonly sampler: NodeJS.Timeout;
  private exit: ExitInfo | null = null;
  private killed = false;
  private stopSentAt: number | null = null;

  private constructor(
    readonly role: 'api' | 'worker',
    private readonly child: ChildProcess,
    rssSampleMs: number,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.keepLog(chunk));
    }
    this.exited = new Promise((resolveExit) => {
      child.on('exit', (code, signal) => {
        const stopMs = this.stopSentAt === null ? null : Math.round(performance.now() - this.stopSentAt);
        this.exit = { code, signal, killed: this.killed, stopMs };
        clearInterval(this.sampler);
        resolveExit(this.exit);
      });
    });
    this.sampler = setInterval(() => this.sampleRss(), rssSampleMs);
    this.sampleRss();
  }

  /**
   * Starts `node dist/apps/<role>/src/main.js` (resolved from this file, not the cwd) with exactly
   * `env`. BENCH_NODE_ARGS adds node options, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile.
   */
  static start(role: 'api' | 'worker', env: Record<string, string>, rssSampleMs = 200): AppProcess {
    const nodeArgs = [...(role === 'api' ? API_NODE_ARGS : []), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    const child = spawn(process.execPath, [...nodeArgs, builtApp(role)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new AppProcess(role, child, rssSampleMs);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The kernel's own high-water mark of resident memory (VmHWM), in kB; 0 once exited. */
  kernelPeakRssKb(): number {
    return readProcStatusKb(this.pid, 'VmHWM');
  }

  /** Polls `url` until it answers 200; fails early if the process exits. */
  async waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`${this.role} exited during boot (${describeExit(this.exit)})\n${this.recentLog()}`);
      try {
        const res = await request(url, { headersTimeout: 1_000, bodyTimeout: 1_000 });
        await res.body.dump();
        if (res.statusCode === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.role} did not answer ${url} within ${timeoutMs} ms\n${this.recentLog()}`);
  }

  /** Kills the process at once, as a crash or an OOM kill would: no shutdown hooks run. */
  async kill(): Promise<ExitInfo> {
    if (this.exit) return this.exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, then wait; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 30_000): Promise<ExitInfo> {
    if (this.exit) return this.exit;
    this.stopSentAt = performance.now();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.killed = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** The last `lines` lines of output, indented and tagged with the role. */
  recentLog(lines = LOG_TAIL_LINES): string {
    const tail = this.logTail.slice(-lines);
    return tail.length ? tail.map((line) => `  [${this.role}] ${line}`).join('\n') : `  [${this.role}] (no output)`;
  }

  private keepLog(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      this.outputLines++;
      this.logTail.push(line.length > 500 ? `${line.slice(0, 500)}...` : line);
      if (this.logTail.length > LOG_TAIL_LINES) this.logTail.shift();
    }
  }

  private sampleRss(): void {
    if (this.exit) return;
    this.peakRssKb = Math.max(this.peakRssKb, readProcStatusKb(this.pid, 'VmRSS'));
  }
}

/**
 * "code 0 after 85 ms". A Nest app stopped by SIGTERM normally reports "signal SIGTERM":
 * enableShutdownHooks() re-raises the signal once its shutdown hooks have run.
 */
export function describeExit(exit: ExitInfo): string {
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
  if (exit.killed) return `${how}, killed after ignoring SIGTERM`;
  return exit.stopMs === null ? how : `${how} ${exit.stopMs} ms after SIGTERM`;
}

/** A port that was free a moment ago (the API binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A `kB` line of /proc/<pid>/status; 0 when the process is gone. */
function readProcStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
