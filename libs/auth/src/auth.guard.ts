import { DomainError } from '@giliran/core';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { StaffRole } from '@giliran/contracts';
import { IS_PUBLIC, ROLES, type StaffPrincipal } from './decorators';
import { StaffSessions } from './staff-sessions';

interface TokenClaims {
  sub: string;
  username: string;
  role: StaffRole;
  officeId: string | null;
  /** The staff member's session version at issue (see StaffSessions). */
  sv?: number;
}

/** The global guard: every route needs a staff token unless it is @Public(); @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: StaffSessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: StaffPrincipal; deadline?: number }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Public, but staff may act through it (booking on behalf of a citizen): a valid token is used, another ignored.
      if (scheme === 'Bearer' && token) {
        const claims = await this.jwt.verifyAsync<TokenClaims>(token).catch(() => null);
        if (claims && (await this.sessions.isCurrent(claims.sub, claims.sv)))
          req.user = { id: claims.sub, username: claims.username, role: claims.role, officeId: claims.officeId, deadline: req.deadline || undefined };
      }
      return true;
    }
    if (scheme !== 'Bearer' || !token) throw new DomainError('UNAUTHORIZED', 401, 'a staff token is required');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError('UNAUTHORIZED', 401, 'the token is invalid or expired');
    }
    if (!(await this.sessions.isCurrent(claims.sub, claims.sv))) throw new DomainError('UNAUTHORIZED', 401, 'this session has ended; log in again');
    req.user = { id: claims.sub, username: claims.username, role: claims.role, officeId: claims.officeId, deadline: req.deadline || undefined };
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(claims.role)) throw new DomainError('FORBIDDEN', 403, 'not allowed for this role');
    return true;
  }
}
