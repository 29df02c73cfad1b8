import { StaffUser } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';

export type StaffPatch = Partial<Pick<StaffUser, 'passwordHash' | 'role' | 'officeId' | 'active'>>;

@Injectable()
export class StaffRepository {
  private readonly repo: Repository<StaffUser>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(StaffUser);
  }

  count(): Promise<number> {
    return this.repo.count();
  }
  findByUsername(username: string): Promise<StaffUser | null> {
    return this.repo.findOneBy({ username });
  }
  findById(id: string): Promise<StaffUser | null> {
    return this.repo.findOneBy({ id });
  }
  list(officeId?: string): Promise<StaffUser[]> {
    return this.repo.find({ where: officeId ? { officeId } : {}, order: { username: 'ASC' } });
  }
  insert(user: StaffUser): Promise<unknown> {
    return this.repo.insert(user);
  }

  /**
   * Applies a change; with `endSessions`, bumps the session version in the same statement (an
   * increment, so that two changes at once both end what came before them). Returns the row as
   * it now is.
   */
  async update(id: string, patch: StaffPatch, endSessions: boolean): Promise<StaffUser | null> {
    if (Object.keys(patch).length || endSessions) {
      await this.repo
        .createQueryBuilder()
        .update(StaffUser)
        .set({ ...patch, ...(endSessions ? { sessionVersion: () => 'session_version + 1' } : {}) })
        .where('id = :id', { id })
        .execute();
    }
    return this.findById(id);
  }

  /** The session version and whether active; null for a staff member who does not exist. */
  sessionState(id: string): Promise<Pick<StaffUser, 'sessionVersion' | 'active'> | null> {
    return this.repo.findOne({ where: { id }, select: { sessionVersion: true, active: true } });
  }

  async bumpSessionVersion(id: string): Promise<void> {
    await this.update(id, {}, true);
  }
}
