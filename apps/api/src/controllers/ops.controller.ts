import { CanActivate, Controller, ExecutionContext, Get, HttpStatus, Injectable, Param, UseGuards } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { RescoreProgressQuery } from '@app/claimants';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';

/**
 * Operators' routes, behind OPS_TOKEN (x-ops-token) until staff accounts exist. Without a
 * configured token they do not exist (404), so a default install exposes nothing.
 */
@Injectable()
export class OpsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.OPS_TOKEN;
    if (!expected) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    const given = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-ops-token'];
    const [a, b] = [Buffer.from(typeof given === 'string' ? given : ''), Buffer.from(expected)];
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ApiException(HttpStatus.UNAUTHORIZED, 'request.unauthorized');
    return true;
  }
}

@Controller('api/ops/cases/:slug/rescores')
@UseGuards(OpsTokenGuard)
export class OpsController {
  constructor(private readonly progress: RescoreProgressQuery) {}

  /** The case's latest re-scoring runs, newest first: done, remaining, rate. */
  @Get()
  list(@Param('slug') slug: string) {
    return this.progress.list(slug);
  }

  @Get(':id')
  get(@Param('slug') slug: string, @Param('id') id: string) {
    return this.progress.get(slug, id);
  }
}
