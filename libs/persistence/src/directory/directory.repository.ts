import { type Principal, Role } from '@anjian/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** A directory entry: a Principal plus whether the account may be used at all. */
export interface DirectoryUser extends Principal {
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Jurisdiction {
  code: string;
  nameZh: string;
  nameEn: string;
  parent: string | null;
}

export interface NewUser {
  id: string;
  name: string;
  role: Role;
  jurisdiction: string;
  sectors: string[];
  active?: boolean;
}

export type UserChange = Partial<Pick<NewUser, 'name' | 'role' | 'jurisdiction' | 'sectors' | 'active'>>;

/** The code is not in the jurisdictions (行政区划) table: a user or case may not belong to it. */
export class UnknownJurisdictionError extends Error {
  constructor(readonly code: string) {
    super(`jurisdiction ${code} is not a known administrative division (行政区划)`);
    this.name = 'UnknownJurisdictionError';
  }
}

export class UserExistsError extends Error {
  constructor(readonly id: string) {
    super(`user ${id} already exists`);
    this.name = 'UserExistsError';
  }
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  jurisdiction: string;
  sectors: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface JurisdictionRow {
  code: string;
  name_zh: string;
  name_en: string;
  parent: string | null;
}

const toUser = (r: UserRow): DirectoryUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
  jurisdiction: r.jurisdiction,
  sectors: r.sectors,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const toJurisdiction = (r: JurisdictionRow): Jurisdiction => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, parent: r.parent });

const isForeignKeyViolation = (err: unknown) => (err as { driverError?: { code?: string }; code?: string }).driverError?.code === '23503';
const isUniqueViolation = (err: unknown) => (err as { driverError?: { code?: string } }).driverError?.code === '23505';

/**
 * The user directory and the 行政区划 table (migration 1734200000000). Every statement runs under the
 * data source's statement timeout, so a database that does not answer fails the request (503), never
 * hangs it. Works on a DataSource or inside a caller's transaction (EntityManager).
 */
export class DirectoryRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  async findUser(id: string): Promise<DirectoryUser | null> {
    const rows = (await this.db.query(`SELECT * FROM users WHERE id = $1`, [id])) as UserRow[];
    return rows[0] ? toUser(rows[0]) : null;
  }

  async listUsers(jurisdictionPrefix = ''): Promise<DirectoryUser[]> {
    const rows = (await this.db.query(`SELECT * FROM users WHERE jurisdiction LIKE $1 || '%' ORDER BY id`, [
      jurisdictionPrefix,
    ])) as UserRow[];
    return rows.map(toUser);
  }

  /** Creates a user; an unknown jurisdiction is refused (UnknownJurisdictionError), an existing id too (UserExistsError). */
  async createUser(user: NewUser): Promise<DirectoryUser> {
    try {
      const rows = (await this.db.query(
        `INSERT INTO users (id, name, role, jurisdiction, sectors, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [user.id, user.name, user.role, user.jurisdiction, user.sectors, user.active ?? true],
      )) as UserRow[];
      return toUser(rows[0]!);
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new UnknownJurisdictionError(user.jurisdiction);
      if (isUniqueViolation(err)) throw new UserExistsError(user.id);
      throw err;
    }
  }

  /** Inserts a user unless one with that id exists (seeds); returns whether it inserted. */
  async createUserIfMissing(user: NewUser): Promise<boolean> {
    try {
      const rows = (await this.db.query(
        `INSERT INTO users (id, name, role, jurisdiction, sectors, active) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [user.id, user.name, user.role, user.jurisdiction, user.sectors, user.active ?? true],
      )) as unknown[];
      return rows.length > 0;
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new UnknownJurisdictionError(user.jurisdiction);
      throw err;
    }
  }

  /** Changes some fields of a user; null when there is no such user. */
  async updateUser(id: string, change: UserChange): Promise<DirectoryUser | null> {
    try {
      const rows = (await this.db.query(
        `UPDATE users SET
           name = COALESCE($2, name), role = COALESCE($3, role), jurisdiction = COALESCE($4, jurisdiction),
           sectors = COALESCE($5, sectors), active = COALESCE($6, active), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, change.name ?? null, change.role ?? null, change.jurisdiction ?? null, change.sectors ?? null, change.active ?? null],
      )) as [UserRow[], number];
      const updated = rows[0][0];
      return updated ? toUser(updated) : null;
    } catch (err) {
      if (isForeignKeyViolation(err) && change.jurisdiction) throw new UnknownJurisdictionError(change.jurisdiction);
      throw err;
    }
  }

  async findJurisdiction(code: string): Promise<Jurisdiction | null> {
    const rows = (await this.db.query(`SELECT * FROM jurisdictions WHERE code = $1`, [code])) as JurisdictionRow[];
    return rows[0] ? toJurisdiction(rows[0]) : null;
  }

  async jurisdictionExists(code: string): Promise<boolean> {
    return (await this.findJurisdiction(code)) !== null;
  }

  async listJurisdictions(): Promise<Jurisdiction[]> {
    const rows = (await this.db.query(`SELECT * FROM jurisdictions ORDER BY code`)) as JurisdictionRow[];
    return rows.map(toJurisdiction);
  }

  /** Adds divisions that are missing (parents first); existing rows are left as they are. Returns how many it added. */
  async addMissingJurisdictions(list: readonly Jurisdiction[]): Promise<number> {
    if (list.length === 0) return 0;
    const rows = (await this.db.query(
      `INSERT INTO jurisdictions (code, name_zh, name_en, parent)
       SELECT * FROM unnest($1::char(6)[], $2::text[], $3::text[], $4::char(6)[])
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [list.map((j) => j.code), list.map((j) => j.nameZh), list.map((j) => j.nameEn), list.map((j) => j.parent)],
    )) as unknown[];
    return rows.length;
  }
}
