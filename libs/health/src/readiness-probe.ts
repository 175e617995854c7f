import { DiscoveryService } from '@nestjs/core';

export interface ProbeResult {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

/**
 * One thing a process needs in order to do its work (Postgres answers, a queue makes
 * progress). Modules contribute probes by decorating a provider with @ReadinessProbe();
 * /health/ready runs every probe of the process it is in, and no other.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ProbeResult>;
}

export const ReadinessProbe = DiscoveryService.createDecorator<void>();
