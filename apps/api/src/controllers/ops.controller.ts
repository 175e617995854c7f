import { CanActivate, Controller, ExecutionContext, Get, HttpStatus, Injectable, Param, UseGuards } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RescoreProgressQuery } from '@app/claimants';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { ApiErrors } from '../openapi/api-error';
import { ApiAcceptLanguage, ApiCaseSlug } from '../openapi/api-parameters';
import { RescoreProgressBody } from '../openapi/ops.responses';

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

@ApiTags('Operations')
@ApiAcceptLanguage()
@ApiHeader({ name: 'x-ops-token', required: true, description: 'OPS_TOKEN. Without a configured token these routes do not exist (404).', schema: { type: 'string' } })
@ApiCaseSlug()
@ApiErrors({
  401: { description: 'x-ops-token is missing or wrong (`request.unauthorized`).', code: 'request.unauthorized' },
  404: 'No OPS_TOKEN is configured, or no such case (`case.notFound`) or run (`rescore.notFound`).',
  503: '',
})
@Controller('api/ops/cases/:slug/rescores')
@UseGuards(OpsTokenGuard)
export class OpsController {
  constructor(private readonly progress: RescoreProgressQuery) {}

  /** The case's latest re-scoring runs, newest first: done, remaining, rate. */
  @ApiOperation({
    summary: "A case's re-scoring runs",
    description: 'The latest 20 re-scoring runs of the case (started by activating a case version), newest first: done, remaining, rate. Guard: `x-ops-token`.',
  })
  @ApiResponse({ status: HttpStatus.OK, type: [RescoreProgressBody], description: 'The runs, newest first.' })
  @Get()
  list(@Param('slug') slug: string) {
    return this.progress.list(slug);
  }

  @ApiOperation({ summary: 'One re-scoring run', description: "Where one of the case's re-scoring runs stands. Guard: `x-ops-token`." })
  @ApiParam({ name: 'id', description: "The run's id.", schema: { type: 'string', format: 'uuid' } })
  @ApiResponse({ status: HttpStatus.OK, type: RescoreProgressBody, description: 'The run.' })
  @Get(':id')
  get(@Param('slug') slug: string, @Param('id') id: string) {
    return this.progress.get(slug, id);
  }
}
