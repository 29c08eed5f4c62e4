import type { DataSource } from 'typeorm';

/** An attachment's metadata, free of persistence (the bytes are behind the AttachmentStore). */
export interface AttachmentRecord {
  id: string;
  caseId: string;
  procedureId: string | null;
  name: string;
  sha256: string;
  size: number;
  contentType: string;
  addedBy: string;
  addedAt: string;
}

export interface NewAttachmentRow extends AttachmentRecord {
  storageKey: string;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  procedure_id: string | null;
  name: string;
  sha256: string;
  size: string; // bigint
  content_type: string;
  added_by: string;
  added_at: Date;
  storage_key: string;
}

const toRecord = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  caseId: r.case_id,
  procedureId: r.procedure_id,
  name: r.name,
  sha256: r.sha256,
  size: Number(r.size),
  contentType: r.content_type,
  addedBy: r.added_by,
  addedAt: r.added_at.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `attachments` table. */
export class AttachmentRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Inserts the row, or returns the one already there for the same file (same case, procedure, name
   * and SHA-256): a retried upload does not make a second attachment.
   */
  async insertOrFind(a: NewAttachmentRow): Promise<AttachmentRecord> {
    const inserted = (await this.db.query(
      `INSERT INTO attachments (id, case_id, procedure_id, name, sha256, size, content_type, added_by, added_at, storage_key)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       ON CONFLICT (case_id, COALESCE(procedure_id, ''), sha256, name) DO NOTHING
       RETURNING *`,
      [a.id, a.caseId, a.procedureId, a.name, a.sha256, a.size, a.contentType, a.addedBy, a.addedAt, a.storageKey],
    )) as AttachmentRow[];
    if (inserted[0]) return toRecord(inserted[0]);
    const [existing] = (await this.db.query(
      `SELECT * FROM attachments WHERE case_id = $1 AND COALESCE(procedure_id, '') = COALESCE($2, '') AND sha256 = $3 AND name = $4`,
      [a.caseId, a.procedureId, a.sha256, a.name],
    )) as AttachmentRow[];
    if (!existing) throw new Error(`attachment ${a.name} of case ${a.caseId} was neither inserted nor found`);
    return toRecord(existing);
  }

  async find(caseId: string, id: string): Promise<AttachmentRecord | null> {
    const row = await this.row(caseId, id);
    return row ? toRecord(row) : null;
  }

  /** Where the bytes of an attachment are, or null when the case has no such attachment. */
  async storageKeyOf(caseId: string, id: string): Promise<string | null> {
    return (await this.row(caseId, id))?.storage_key ?? null;
  }

  /** A case's attachments (or one procedure's), oldest first. */
  async listForCase(caseId: string, procedureId?: string): Promise<AttachmentRecord[]> {
    const rows = (await this.db.query(
      `SELECT * FROM attachments WHERE case_id = $1 AND ($2::text IS NULL OR procedure_id = $2) ORDER BY added_at, id`,
      [caseId, procedureId ?? null],
    )) as AttachmentRow[];
    return rows.map(toRecord);
  }

  /** The case's attachments with these digests (to check that an action's {name, sha256, size} refer to stored files). */
  async findByDigests(caseId: string, sha256s: string[]): Promise<AttachmentRecord[]> {
    if (sha256s.length === 0) return [];
    const rows = (await this.db.query(`SELECT * FROM attachments WHERE case_id = $1 AND sha256 = ANY($2::text[]) ORDER BY added_at, id`, [
      caseId,
      sha256s,
    ])) as AttachmentRow[];
    return rows.map(toRecord);
  }

  private async row(caseId: string, id: string): Promise<AttachmentRow | null> {
    if (!UUID.test(id) || !UUID.test(caseId)) return null; // not an id this table can hold: no query, no 22P02
    const [row] = (await this.db.query('SELECT * FROM attachments WHERE case_id = $1 AND id = $2', [caseId, id])) as AttachmentRow[];
    return row ?? null;
  }
}
