// Navigation and the contract between the shell and its screens, apart from the shell itself:
// a screen imports these types without importing the shell that imports every screen.
import type { OfficeFull, Staff } from './session';

/** A screen inside the shell: it owns its part of the page until disposed. */
export interface View {
  rerender(): void;
  dispose(): void;
}

export interface ShellContext {
  staff: Staff;
  /** The office being worked on; `null` only for an admin who has not chosen one yet. */
  officeId: string | null;
  /** `GET /offices/:id`, cached; `fresh` fetches it again (and updates the header). */
  office(fresh?: boolean): Promise<OfficeFull>;
  /** Admins: work on another office (`null`: choose again). */
  switchOffice(officeId: string | null): void;
  logout(notice?: string): void;
}

export type Page = 'console' | 'office' | 'stats';

/** `#/office/services` → `office`, `services`. */
export function parseHash(hash = location.hash): { page: Page; sub: string } {
  const [page = '', sub = ''] = hash.replace(/^#\/?/, '').split('/');
  return { page: page === 'office' || page === 'stats' ? page : 'console', sub };
}

export function canManage(role: string): boolean {
  return role === 'admin' || role === 'supervisor';
}
