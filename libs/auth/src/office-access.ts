import { DomainError } from '@giliran/core';
import type { StaffPrincipal } from './decorators';

/** Admins reach every office; everyone else only their own. */
export function assertOfficeAccess(user: StaffPrincipal, officeId: string): void {
  if (user.role === 'admin') return;
  if (user.officeId !== officeId) throw new DomainError('FORBIDDEN', 403, 'not allowed for this office');
}

export function assertRole(user: StaffPrincipal, ...roles: StaffPrincipal['role'][]): void {
  if (!roles.includes(user.role)) throw new DomainError('FORBIDDEN', 403, 'not allowed for this role');
}
