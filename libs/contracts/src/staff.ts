export type StaffRole = 'admin' | 'supervisor' | 'officer';

/** A staff account as the API shows it (`/staff`): never its password hash. */
export interface StaffUserView {
  id: string;
  username: string;
  role: StaffRole;
  officeId: string | null;
  active: boolean;
  createdAt: string;
}
