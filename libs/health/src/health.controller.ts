import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@app/config';
import { ReadinessService } from './readiness.service';

/** 'always' on an internal port; 'with-token' where anyone can ask (HEALTH_TOKEN as x-health-token). */
export type HealthDetails = 'always' | 'with-token';
export const HEALTH_DETAILS = Symbol('HEALTH_DETAILS');

@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly config: AppConfig,
    @Inject(HEALTH_DETAILS) private readonly details: HealthDetails,
  ) {}

  /** The process is up and its event loop turns. */
  @Get('live')
  @Header('cache-control', 'no-store')
  live() {
    return { status: 'ok' };
  }

  /**
   * Every probe this process registered answers up; otherwise 503. The public answer says only
   * that; the probes' details are for operators.
   */
  @Get('ready')
  @Header('cache-control', 'no-store')
  async ready(@Headers('x-health-token') token: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, checks } = await this.readiness.check();
    void reply.status(ready ? 200 : 503);
    const status = ready ? 'ok' : 'unavailable';
    return this.mayShowDetails(token) ? { status, checks } : { status };
  }

  private mayShowDetails(token: string | undefined): boolean {
    if (this.details === 'always') return true;
    const expected = this.config.HEALTH_TOKEN;
    if (!expected || typeof token !== 'string') return false;
    const [a, b] = [Buffer.from(token), Buffer.from(expected)];
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
