import type { Actor } from '@anjian/domain';
import { type CalendarData, CalendarDataSchema } from '@anjian/deadlines';
import type { DataSource } from 'typeorm';
import { recordAdminChange } from '../audit/admin-change.repository';

export interface StoredCalendar {
  id: string;
  version: number;
  jurisdictionPrefix: string | null;
  data: CalendarData;
  createdBy: string;
  reason: string;
  createdAt: string;
}

interface Row {
  id: string;
  version: number;
  jurisdiction_prefix: string | null;
  data: CalendarData;
  created_by: string;
  reason: string;
  created_at: Date;
}

const toStored = (r: Row): StoredCalendar => ({
  id: r.id,
  version: r.version,
  jurisdictionPrefix: r.jurisdiction_prefix,
  data: r.data,
  createdBy: r.created_by,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
});

/**
 * Working-day calendars: the national one ('CN') and local ones for a jurisdiction prefix. Every
 * change is a new version (nothing is overwritten), so a computed deadline can name the exact
 * calendar it used.
 */
export class CalendarRepository {
  constructor(private readonly db: DataSource) {}

  /** Which version of each calendar is current, without the data (cheap: asked on every deadline computation). */
  async latestVersions(): Promise<{ id: string; version: number; jurisdictionPrefix: string | null }[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (id) id, version, jurisdiction_prefix FROM calendars ORDER BY id, version DESC`,
    )) as Pick<Row, 'id' | 'version' | 'jurisdiction_prefix'>[];
    return rows.map((r) => ({ id: r.id, version: r.version, jurisdictionPrefix: r.jurisdiction_prefix }));
  }

  /** Latest version of each calendar. */
  async listLatest(): Promise<StoredCalendar[]> {
    const rows = (await this.db.query(`SELECT DISTINCT ON (id) * FROM calendars ORDER BY id, version DESC`)) as Row[];
    return rows.map(toStored);
  }

  async get(id: string, version?: number): Promise<StoredCalendar | null> {
    const rows = (await this.db.query(
      version === undefined
        ? 'SELECT * FROM calendars WHERE id = $1 ORDER BY version DESC LIMIT 1'
        : 'SELECT * FROM calendars WHERE id = $1 AND version = $2',
      version === undefined ? [id] : [id, version],
    )) as Row[];
    return rows[0] ? toStored(rows[0]) : null;
  }

  async history(id: string): Promise<StoredCalendar[]> {
    return ((await this.db.query('SELECT * FROM calendars WHERE id = $1 ORDER BY version', [id])) as Row[]).map(toStored);
  }

  /** Saves `data` as the next version of its calendar (data.version is set here) and logs the change. */
  async saveNewVersion(data: CalendarData, jurisdictionPrefix: string | null, actor: Actor, reason: string): Promise<StoredCalendar> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar:${data.id}`]);
      const [prev] = (await m.query('SELECT * FROM calendars WHERE id = $1 ORDER BY version DESC LIMIT 1', [data.id])) as Row[];
      const version = (prev?.version ?? 0) + 1;
      const stored = CalendarDataSchema.parse({ ...data, version });
      const [row] = (await m.query(
        `INSERT INTO calendars (id, version, jurisdiction_prefix, data, created_by, reason) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
        [data.id, version, jurisdictionPrefix, JSON.stringify(stored), actor.id, reason],
      )) as Row[];
      await recordAdminChange(m, {
        entity: 'calendar',
        entityId: `${data.id}@${version}`,
        action: prev ? 'new_version' : 'create',
        actor,
        reason,
        before: prev ? { version: prev.version, knownYears: prev.data.knownYears } : null,
        after: { version, knownYears: data.knownYears, holidays: data.holidays.length, makeupWorkdays: data.makeupWorkdays.length },
      });
      return toStored(row!);
    });
  }
}
