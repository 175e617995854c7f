import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProbeResult, ReadinessCheck, ReadinessProbe } from '@app/health';

@ReadinessProbe()
@Injectable()
export class PostgresProbe implements ReadinessCheck {
  readonly name = 'postgres';

  constructor(private readonly db: DataSource) {}

  async check(): Promise<ProbeResult> {
    await this.db.query('SELECT 1');
    return { status: 'up' };
  }
}
