import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@app/config';
import { ReadinessService } from './readiness.service';

/** 'always' on an internal port; 'with-token' where anyone can ask (HEALTH_TOKEN as x-health-token). */
export type HealthDetails = 'always' | 'with-token';
export const HEALTH_DETAILS = Symbol('HEALTH_DETAILS');

/** The readiness answer; `checks` only for operators (see mayShowDetails). */
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      description: 'Each probe by name (postgres, redis, outbox, queues): `status` up or down, and its details. Only with the health token, or on a worker\'s internal port.',
      additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
    },
  },
};

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly config: AppConfig,
    @Inject(HEALTH_DETAILS) private readonly details: HealthDetails,
  ) {}

  /** The process is up and its event loop turns. */
  @ApiOperation({ summary: 'Liveness', description: 'The process is up and its event loop turns. Checks nothing else, so a load balancer can keep routing intake (which needs only Postgres) while workers are down. No guard; never cached.' })
  @ApiResponse({ status: 200, description: 'Up.', schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  @Get('live')
  @Header('cache-control', 'no-store')
  live() {
    return { status: 'ok' };
  }

  /**
   * Every probe this process registered answers up; otherwise 503. The public answer says only
   * that; the probes' details are for operators.
   */
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Ready when every probe of this process answers up: Postgres and Redis answer, no due outbox row has waited longer than READINESS_STUCK_AFTER_SECONDS, and no queue it answers for is stuck. ' +
      'Computed at most once a second. Up or down to anyone; the probes\' details only with `x-health-token`. Never cached.',
  })
  @ApiHeader({ name: 'x-health-token', required: false, description: 'HEALTH_TOKEN: adds each probe\'s details (`checks`).', schema: { type: 'string' } })
  @ApiResponse({ status: 200, description: 'Ready.', schema: READINESS_SCHEMA })
  @ApiResponse({ status: 503, description: 'Not ready: a probe is down or did not answer in time.', schema: READINESS_SCHEMA })
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
