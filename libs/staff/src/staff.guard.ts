import { CanActivate, createParamDecorator, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { isSameOrigin } from '@app/protection';
import { allows, type Permission } from './permissions';
import type { StaffPrincipal } from './roles';
import { staffCookieName } from './staff-cookie';
import { StaffFields } from './staff-fields';
import { StaffSessions } from './staff-sessions.service';
import { csrfMatches, csrfToken } from './staff-tokens';

/** What a signed-in staff request carries for its handler and page. */
export interface StaffRequestContext {
  principal: StaffPrincipal;
  name: string;
  /** The token every form of the page posts back (see csrfToken). */
  csrf: string;
}

const PERMISSION_KEY = 'staff:permission';
/** Any signed-in staff member, whatever the role: their own account's pages. */
export const SIGNED_IN = 'signed-in';

/** The permission a staff route needs (see PERMISSIONS); a route with none is refused to everyone. */
export const StaffCan = (permission: Permission | typeof SIGNED_IN) => SetMetadata(PERMISSION_KEY, permission);

export function requiredPermission(reflector: Reflector, context: ExecutionContext): Permission | typeof SIGNED_IN | undefined {
  return reflector.getAllAndOverride<Permission | typeof SIGNED_IN | undefined>(PERMISSION_KEY, [context.getHandler(), context.getClass()]);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every staff route's door: a complete session from the cookie (else 401), the route's
 * permission for the session's role (else 403), and on anything that changes state the origin
 * check and the session's anti-forgery token, from the form field `_csrf` or the header
 * `x-csrf-token` (else 403). Row-level security then bounds what the firm's session sees.
 */
@Injectable()
export class StaffGuard implements CanActivate {
  private readonly cookie: string;
  private readonly origin: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: StaffSessions,
    private readonly fields: StaffFields,
    private readonly config: AppConfig,
  ) {
    this.cookie = staffCookieName(config.PUBLIC_BASE_URL);
    this.origin = new URL(config.PUBLIC_BASE_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { staff?: StaffRequestContext }>();
    const required = requiredPermission(this.reflector, context);
    const { principal, nameEnc } = await this.sessions.open(request.cookies?.[this.cookie], 'complete');
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const given = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
      if (!isSameOrigin(request.headers, this.origin) || !csrfMatches(this.config.COOKIE_SECRET, principal.sessionId, given)) {
        throw new ApiException(HttpStatus.FORBIDDEN, 'staff.csrf');
      }
    }
    if (!required || (required !== SIGNED_IN && !allows(principal.role, required))) throw new ApiException(HttpStatus.FORBIDDEN, 'staff.forbidden');
    request.staff = { principal, name: this.fields.open(principal.staffId, 'name', nameEnc), csrf: csrfToken(this.config.COOKIE_SECRET, principal.sessionId) };
    return true;
  }
}

/** The signed-in staff member of a route behind StaffGuard. */
export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffRequestContext => {
  const staff = context.switchToHttp().getRequest<{ staff?: StaffRequestContext }>().staff;
  if (!staff) throw new Error('CurrentStaff used on a route without StaffGuard');
  return staff;
});
