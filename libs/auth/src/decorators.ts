import type { StaffRole } from '@giliran/contracts';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/** The authenticated staff member, as the token says. */
export interface StaffPrincipal {
  id: string;
  username: string;
  role: StaffRole;
  officeId: string | null;
  /** When this request must be answered by (see RequestDeadlineAt in infra): its writes stop there. */
  deadline?: number;
}

/** Opts a route out of the global staff guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Roles allowed on a route; without it any authenticated staff member may call it. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  return ctx.switchToHttp().getRequest<{ user: StaffPrincipal }>().user;
});
