import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { isSameOrigin } from './same-origin';

/** Refuses a page's form post sent from another site (see isSameOrigin). */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly origin: string;

  constructor(config: AppConfig) {
    this.origin = new URL(config.PUBLIC_BASE_URL).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isSameOrigin(request.headers, this.origin)) throw new ApiException(HttpStatus.FORBIDDEN, 'request.crossSite');
    return true;
  }
}
