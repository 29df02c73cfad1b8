import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { LoginResponse, StaffRole, StaffUserView } from '@giliran/contracts';
import { AUDIT_SINK, type AuditSink, DomainError } from '@giliran/core';
import { StaffUser } from '@giliran/database';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { StaffPrincipal } from './decorators';
import { LoginThrottle } from './login-throttle';
import { StaffSessions } from './staff-sessions';
import { type StaffPatch, StaffRepository } from './staff.repository';

const BCRYPT_COST = 10;
/** The shape every username has (CreateStaffDto, ADMIN_USERNAME). */
const USERNAME = /^[a-z0-9._-]{3,64}$/;
// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = bcrypt.hashSync('giliran-timing-equaliser', BCRYPT_COST);

/** A staff account as the API shows it. */
export type StaffView = StaffUserView;

/** What the audit trail keeps of a staff member (never the password hash). */
const audited = (u: StaffUser) => ({ username: u.username, role: u.role, officeId: u.officeId, active: u.active });

const view = (u: StaffUser): StaffView => ({
  id: u.id,
  username: u.username,
  role: u.role,
  officeId: u.officeId,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: StaffSessions,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `address`: the client's, as the HTTP layer trusts it (TRUST_PROXY). */
  async login(username: string, password: string, address: string): Promise<LoginResponse> {
    const user = await this.authenticate(username, password, address, 'api');
    if (!user) throw new DomainError('INVALID_CREDENTIALS', 401, 'wrong username or password');
    // `sv`: the session version this token belongs to (see StaffSessions).
    const accessToken = await this.jwt.signAsync({ sub: user.id, username: user.username, role: user.role, officeId: user.officeId, sv: user.sessionVersion });
    return { accessToken, user: { id: user.id, username: user.username, role: user.role, officeId: user.officeId } };
  }

  /**
   * For the queue dashboard's HTTP Basic login: the session of an active admin with this password
   * (throttled like a login), or null. The dashboard remembers it, and asks sessionStands each time.
   */
  async adminSession(username: string, password: string, address: string): Promise<{ id: string; sessionVersion: number } | null> {
    const user = await this.authenticate(username, password, address, 'queue-dashboard');
    return user?.role === 'admin' ? { id: user.id, sessionVersion: user.sessionVersion } : null;
  }

  /** Whether a session remembered from a login still stands (not ended by a change since). */
  sessionStands(session: { id: string; sessionVersion: number }): Promise<boolean> {
    return this.sessions.isCurrent(session.id, session.sessionVersion);
  }

  /**
   * The active staff member with this password, or null. Throttled (429 TOO_MANY_ATTEMPTS) per
   * username and address; a failure is counted and audited. An unknown username costs the same
   * time as a wrong password, and is audited without the name typed (it may be a password).
   */
  private async authenticate(rawUsername: string, password: string, address: string, via: 'api' | 'queue-dashboard'): Promise<StaffUser | null> {
    const username = rawUsername.trim().toLowerCase();
    await this.throttle.attempt(username, address);
    // Only a name that could be a username is looked up: MySQL compares without accents, and
    // 'ádmin' would find admin under a throttle count of its own.
    const user = USERNAME.test(username) ? await this.staff.findByUsername(username) : null;
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (user && ok && user.active && user.username === username) {
      await this.throttle.succeeded(username, address);
      return user;
    }
    await this.audit
      .record({
        officeId: user?.officeId ?? null,
        type: 'auth.login_failed',
        actor: `address:${address}`,
        subject: user ? `staff:${user.id}` : 'staff:unknown',
        after: { username: user?.username ?? null, via },
      })
      .catch((err: Error) => this.logger.warn(`could not audit a failed login: ${err.message}`));
    return null;
  }

  /** First start: with no staff at all, create the admin (API.md "Auth and roles"). */
  async ensureFirstAdmin(): Promise<void> {
    if ((await this.staff.count()) > 0) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    try {
      await this.staff.insert(this.newUser(this.config.adminUsername, await bcrypt.hash(password, BCRYPT_COST), 'admin', null));
    } catch {
      return; // another replica created it first
    }
    if (this.config.adminPassword) this.logger.log(`created the first admin "${this.config.adminUsername}" with ADMIN_PASSWORD`);
    // Printed once, on purpose: it is the only way into a fresh install without ADMIN_PASSWORD.
    else this.logger.warn(`created the first admin "${this.config.adminUsername}" with the generated password: ${password} (shown once; change it)`);
  }

  async create(actor: StaffPrincipal, input: { username: string; password: string; role: StaffRole; officeId?: string | null }): Promise<StaffView> {
    const officeId = input.officeId ?? null;
    this.assertMayManage(actor, input.role, officeId);
    if (input.role !== 'admin' && !officeId) throw new DomainError('VALIDATION_FAILED', 400, 'officeId: required for this role');
    if (await this.staff.findByUsername(input.username)) throw new DomainError('DUPLICATE_USERNAME', 409, 'that username is taken');
    const user = this.newUser(input.username, await bcrypt.hash(input.password, BCRYPT_COST), input.role, officeId);
    await this.staff.insert(user);
    await this.recordChange(actor, 'staff.created', user.id, null, audited(user));
    return view(user);
  }

  async list(actor: StaffPrincipal): Promise<StaffView[]> {
    return (await this.staff.list(actor.role === 'admin' ? undefined : (actor.officeId ?? undefined))).map(view);
  }

  /**
   * A new password, a deactivation, or a change of role or office ends every earlier token of that
   * staff member (API.md "Security and faults"). Nobody below admin changes an admin.
   */
  async update(actor: StaffPrincipal, id: string, patch: { password?: string; role?: StaffRole; officeId?: string; active?: boolean }): Promise<StaffView> {
    const user = await this.staff.findById(id);
    if (!user || (actor.role !== 'admin' && user.officeId !== actor.officeId)) throw new DomainError('NOT_FOUND', 404, 'staff member not found');
    if (user.role === 'admin' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 403, 'only an admin may change an admin');
    this.assertMayManage(actor, patch.role ?? user.role, patch.officeId ?? user.officeId);
    const change: StaffPatch = {};
    if (patch.password) change.passwordHash = await bcrypt.hash(patch.password, BCRYPT_COST);
    if (patch.role && patch.role !== user.role) change.role = patch.role;
    if (patch.officeId && patch.officeId !== user.officeId) change.officeId = patch.officeId;
    if (patch.active !== undefined && patch.active !== user.active) change.active = patch.active;
    const endSessions = Object.keys(change).length > 0;
    const updated = await this.staff.update(user.id, change, endSessions);
    if (!updated) throw new DomainError('NOT_FOUND', 404, 'staff member not found');
    if (endSessions) {
      await this.sessions.changed(updated.id);
      await this.recordChange(
        actor,
        'staff.updated',
        user.id,
        audited(user),
        { ...audited(updated), ...(change.passwordHash ? { password: 'changed' } : {}) },
        updated.officeId ?? user.officeId,
      );
    }
    return view(updated);
  }

  /** Ends the caller's sessions: this token, and any other of theirs, stops working. */
  async logout(actor: StaffPrincipal): Promise<void> {
    await this.sessions.endAll(actor.id);
  }

  private async recordChange(
    actor: StaffPrincipal,
    type: string,
    staffId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    officeId = (after.officeId as string | null) ?? null,
  ): Promise<void> {
    try {
      await this.audit.record({ officeId, type, actor: `staff:${actor.id}`, subject: `staff:${staffId}`, before, after });
    } catch (err) {
      this.logger.error(`could not audit ${type} of staff ${staffId}: ${(err as Error).message}`);
    }
  }

  private assertMayManage(actor: StaffPrincipal, role: StaffRole, officeId: string | null): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'supervisor' || role === 'admin' || officeId !== actor.officeId) {
      throw new DomainError('FORBIDDEN', 403, 'supervisors manage officers and supervisors of their own office');
    }
  }

  private newUser(username: string, passwordHash: string, role: StaffRole, officeId: string | null): StaffUser {
    return Object.assign(new StaffUser(), { id: randomUUID(), username, passwordHash, role, officeId, active: true, sessionVersion: 0, createdAt: new Date() });
  }
}
