import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@app/contracts';
import { UserEntity } from '../entities/user.entity';

/** Users (people who sign in). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  /** Inserts; returns false when the username is taken (unique index), true otherwise. */
  async insert(u: Omit<UserEntity, 'createdAt' | 'updatedAt'>): Promise<boolean> {
    try {
      await this.repo.insert(u);
      return true;
    } catch (e) {
      if (await this.repo.existsBy({ username: u.username })) return false;
      throw e;
    }
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ username });
  }

  /** Every user, oldest first. */
  list(): Promise<UserEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', username: 'ASC' } });
  }

  /** Returns false when there is no such user. */
  async setRole(id: string, role: Role): Promise<boolean> {
    return ((await this.repo.update({ id }, { role, updatedAt: new Date() })).affected ?? 0) > 0;
  }

  /** Returns false when there is no such user. */
  async delete(id: string): Promise<boolean> {
    return ((await this.repo.delete({ id })).affected ?? 0) > 0;
  }
}
