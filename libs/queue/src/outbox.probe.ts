import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { ProbeResult, ReadinessCheck, ReadinessProbe } from '@app/health';
import { OutboxRepository } from './outbox.repository';

/** Due outbox rows waiting longer than the limit mean no relay is moving work to the queues. */
@ReadinessProbe()
@Injectable()
export class OutboxProbe implements ReadinessCheck {
  readonly name = 'outbox';

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<ProbeResult> {
    const { lagMs, due } = await this.outbox.dueLagMs(this.db.manager);
    return { status: lagMs > this.config.READINESS_STUCK_AFTER_SECONDS * 1000 ? 'down' : 'up', due, lagMs: Math.round(lagMs) };
  }
}
