import { StaffUser } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';

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
  save(user: StaffUser): Promise<StaffUser> {
    return this.repo.save(user);
  }
}
