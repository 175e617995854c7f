import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ProbeResult, ReadinessCheck, ReadinessProbe } from './readiness-probe';
import { withTimeout } from './with-timeout';

/** A probe that does not answer within this is down: readiness must answer quickly itself. */
const PROBE_TIMEOUT_MS = 2_000;
/** Load balancers ask often and from many places: one round of probes serves every ask for this long. */
const REUSE_MS = 1_000;

export interface Readiness {
  ready: boolean;
  checks: Record<string, ProbeResult>;
}

@Injectable()
export class ReadinessService {
  private probes: ReadinessCheck[] | null = null;
  private last: { at: number; result: Promise<Readiness> } | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  /** The probes' answers, shared by every caller within a second (and while a round runs). */
  check(): Promise<Readiness> {
    const now = Date.now();
    if (!this.last || now - this.last.at > REUSE_MS) this.last = { at: now, result: this.run() };
    return this.last.result;
  }

  private async run(): Promise<Readiness> {
    const probes = this.discover();
    const results = await Promise.all(
      probes.map(async (probe): Promise<[string, ProbeResult]> => {
        try {
          return [probe.name, await withTimeout(probe.check(), PROBE_TIMEOUT_MS)];
        } catch (error) {
          return [probe.name, { status: 'down', error: error instanceof Error ? error.message : 'unreachable' }];
        }
      }),
    );
    return { ready: results.every(([, r]) => r.status === 'up'), checks: Object.fromEntries(results) };
  }

  private discover(): ReadinessCheck[] {
    this.probes ??= this.discovery
      .getProviders({ metadataKey: ReadinessProbe.KEY })
      .map((wrapper) => wrapper.instance as ReadinessCheck)
      .filter((instance) => instance && typeof instance.check === 'function');
    return this.probes;
  }
}
