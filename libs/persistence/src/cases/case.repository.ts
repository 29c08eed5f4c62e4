import { DEVELOPMENT_EVENT_CHAIN_KEY } from '@anjian/config';
import type { CaseEvent, CaseEventRecord, CasePatch, CaseRecord, NewCase, SequencedEvent } from '@anjian/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';
import { toCaseEventRecord, toCaseRecord } from './case.mapper';
import { canonicalJson, HASH_ALG, hashFor, keyedEventHash, legacyWatermarkMac } from './event-hash';

/** The stream of the single-workflow (legacy rectification) cases; its rows hash without a stream field. */
export const LEGACY_STREAM = 'main';

/**
 * Exactly the stored fields, normalised as stored, so the chain can be re-verified from the rows.
 * Rows of other streams (the case workflow, a procedure) also cover their stream, so a row cannot be
 * moved to another stream unnoticed; legacy rows keep the content they were hashed with.
 */
export function hashedContent(
  caseId: string,
  seq: number,
  e: Pick<CaseEvent, 'type' | 'procedure' | 'before' | 'after' | 'reason' | 'data'>,
  actor: { id: string; role: string; jurisdiction: string } | null,
  at: string,
  stream: string = LEGACY_STREAM,
): Record<string, unknown> {
  return {
    caseId,
    stream: stream === LEGACY_STREAM ? undefined : stream,
    seq,
    type: e.type,
    procedure: e.procedure,
    before: e.before,
    after: e.after,
    actor: actor ? { id: actor.id, role: actor.role, jurisdiction: actor.jurisdiction } : null,
    reason: e.reason,
    data: e.data,
    at: new Date(at).toISOString(),
  };
}

/** A stored event row as read back for comparison and for the correction log. */
interface StoredEventRow {
  seq: number;
  type: string;
  procedure: string;
  step_before: string | null;
  step_after: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_jurisdiction: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
  hash_alg: string;
}

function storedContent(caseId: string, r: StoredEventRow): Record<string, unknown> {
  const actor =
    r.actor_id && r.actor_role && r.actor_jurisdiction ? { id: r.actor_id, role: r.actor_role, jurisdiction: r.actor_jurisdiction } : null;
  return hashedContent(
    caseId,
    r.seq,
    { type: r.type, procedure: r.procedure, before: r.step_before, after: r.step_after, reason: r.reason, data: r.data },
    actor,
    r.occurred_at.toISOString(),
  );
}

function incomingContent(caseId: string, e: SequencedEvent): Record<string, unknown> {
  return hashedContent(caseId, e.seq, e, e.actor, e.at);
}

export interface RecordResult {
  /** Event rows written by this call (new sequence numbers and replacements). */
  appended: number;
  /** Stored rows replaced because the workflow committed different content at their seq. */
  corrected: number;
}

export interface ChainVerification {
  valid: boolean;
  /** The first sequence number whose hash or link does not verify. */
  brokenAt: number | null;
  length: number;
  /** True when the chain's head is an HMAC under the configured key (it then anchors every row before it). */
  keyed: boolean;
  /** Rows hashed before the chain was keyed (plain SHA-256); a chain made only of them proves nothing against a database writer. */
  legacyRows: number;
}

export const CORRECTION_REASON = 'a retried workflow task committed different content at this sequence number';

export class CaseRepository {
  private sealing: Promise<void> | undefined;

  /**
   * @param chainKey HMAC key of the event chain (EVENT_CHAIN_KEY). The default is the public
   * development key; the worker and the API pass the configured one.
   */
  constructor(
    private readonly db: DataSource,
    private readonly chainKey: string = DEVELOPMENT_EVENT_CHAIN_KEY,
  ) {}

  /**
   * Projects one workflow transition in one transaction: the events at the sequence numbers the
   * workflow gave them, and the case row. It converges to what the workflow sends:
   * - a seq not stored yet is appended;
   * - a stored seq with the same content is left alone (an activity retry writes nothing twice);
   * - a stored seq with different content (a killed workflow-task attempt wrote its own version,
   *   e.g. with an earlier `new Date()`) is replaced together with every stored row after it, the
   *   chain is recomputed from there, the case row follows, and each replaced row is logged in
   *   `case_event_corrections`.
   */
  async record(caseId: string, events: SequencedEvent[], patch: CasePatch, open?: NewCase): Promise<RecordResult> {
    // Seal the legacy watermark as soon as a keyed writer runs (trust on first use).
    this.sealing ??= this.legacyWatermark().then(
      () => undefined,
      () => {
        this.sealing = undefined;
      },
    );
    await this.sealing;
    return this.db.transaction(async (m) => {
      if (open) await this.insertCase(m, open, patch);
      const [row] = (await m.query('SELECT last_seq FROM cases WHERE id = $1 FOR UPDATE', [caseId])) as { last_seq: number }[];
      if (!row) throw new Error(`case ${caseId} has no row to project onto`);
      const incoming = [...events].sort((a, b) => a.seq - b.seq);
      if (incoming.length === 0) return { appended: 0, corrected: 0 };

      const stored = (await m.query(`SELECT * FROM case_events WHERE case_id = $1 AND stream = 'main' AND seq >= $2 ORDER BY seq`, [
        caseId,
        incoming[0]!.seq,
      ])) as StoredEventRow[];
      const bySeq = new Map(stored.map((r) => [r.seq, r]));
      const divergent = incoming.find((e) => {
        const s = bySeq.get(e.seq);
        return s !== undefined && canonicalJson(storedContent(caseId, s)) !== canonicalJson(incomingContent(caseId, e));
      });

      let toWrite: SequencedEvent[];
      let corrected = 0;
      if (divergent) {
        const replaced = stored.filter((r) => r.seq >= divergent.seq);
        await m.query(`SELECT set_config('anjian.projection_correction', 'on', true)`);
        for (const r of replaced) {
          const next = incoming.find((e) => e.seq === r.seq);
          await m.query(`INSERT INTO case_event_corrections (case_id, seq, old_row, new_row, reason) VALUES ($1, $2, $3, $4, $5)`, [
            caseId,
            r.seq,
            JSON.stringify(r),
            next ? JSON.stringify(next) : null,
            CORRECTION_REASON,
          ]);
        }
        await m.query(`DELETE FROM case_events WHERE case_id = $1 AND stream = 'main' AND seq >= $2`, [caseId, divergent.seq]);
        await m.query(`SELECT set_config('anjian.projection_correction', 'off', true)`);
        corrected = replaced.length;
        toWrite = incoming.filter((e) => e.seq >= divergent.seq);
      } else {
        toWrite = incoming.filter((e) => !bySeq.has(e.seq) && e.seq > row.last_seq);
      }
      if (toWrite.length === 0) return { appended: 0, corrected: 0 };

      const [prev] = (await m.query(
        `SELECT hash FROM case_events WHERE case_id = $1 AND stream = 'main' AND seq < $2 ORDER BY seq DESC LIMIT 1`,
        [caseId, toWrite[0]!.seq],
      )) as { hash: string }[];
      let prevHash = prev?.hash ?? null;
      for (const e of toWrite) {
        const hash = keyedEventHash(this.chainKey, prevHash, incomingContent(caseId, e));
        await m.query(
          `INSERT INTO case_events (case_id, seq, type, procedure, step_before, step_after, actor_id, actor_role,
             actor_jurisdiction, reason, data, occurred_at, prev_hash, hash, hash_alg)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
          [
            caseId,
            e.seq,
            e.type,
            e.procedure,
            e.before,
            e.after,
            e.actor?.id ?? null,
            e.actor?.role ?? null,
            e.actor?.jurisdiction ?? null,
            e.reason,
            JSON.stringify(e.data),
            e.at,
            prevHash,
            hash,
            HASH_ALG.keyed,
          ],
        );
        prevHash = hash;
      }
      const lastEvent = incoming[incoming.length - 1]!;
      await m.query(
        `UPDATE cases SET step = $2, status = $3, due_at = $4, deadline = $5, overdue = $6, failures = $7,
           closed_at = $8, last_seq = $9, updated_at = $10, policy_version = COALESCE($11, policy_version) WHERE id = $1`,
        [
          caseId,
          patch.step,
          patch.status,
          patch.deadline?.dueAt ?? null,
          patch.deadline ? JSON.stringify(patch.deadline) : null,
          patch.overdue,
          patch.failures,
          patch.closedAt,
          Math.max(lastEvent.seq, divergent ? 0 : row.last_seq),
          lastEvent.at,
          patch.policyVersion,
        ],
      );
      return { appended: toWrite.length, corrected };
    });
  }

  private async insertCase(m: EntityManager, open: NewCase, patch: CasePatch): Promise<void> {
    await m.query(
      `INSERT INTO cases (id, title, description, source, sector, jurisdiction, hazard_grade, enterprise_name,
         enterprise_credit_code, procedure, step, status, assignee_id, opened_by, opened_at, policy_version,
         workflow_id, last_seq, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'open',$12,$13,$14,$15,$16,0,now())
       ON CONFLICT (id) DO NOTHING`,
      [
        open.id,
        open.title,
        open.description,
        open.source,
        open.sector,
        open.jurisdiction,
        open.hazardGrade,
        open.enterprise.name,
        open.enterprise.creditCode,
        open.procedure,
        patch.step,
        open.assigneeId,
        open.openedBy,
        open.openedAt,
        open.policyVersion,
        open.workflowId,
      ],
    );
  }

  async findById(id: string): Promise<CaseRecord | null> {
    const e = await this.db.getRepository(CaseEntity).findOneBy({ id });
    return e ? toCaseRecord(e) : null;
  }

  /** A case's events in chain (insertion) order; for a legacy single-stream case that is its seq order. */
  async listEvents(caseId: string): Promise<CaseEventRecord[]> {
    const rows = await this.db.getRepository(CaseEventEntity).find({ where: { caseId }, order: { id: 'ASC' } });
    return rows.map(toCaseEventRecord);
  }

  /** Corrections made to a case's projection (see `record`), oldest first. */
  async listCorrections(
    caseId: string,
  ): Promise<{ seq: number; oldRow: Record<string, unknown>; newRow: Record<string, unknown> | null; correctedAt: string }[]> {
    const rows = (await this.db.query(
      'SELECT seq, old_row, new_row, corrected_at FROM case_event_corrections WHERE case_id = $1 ORDER BY id',
      [caseId],
    )) as { seq: number; old_row: Record<string, unknown>; new_row: Record<string, unknown> | null; corrected_at: Date }[];
    return rows.map((r) => ({ seq: r.seq, oldRow: r.old_row, newRow: r.new_row, correctedAt: r.corrected_at.toISOString() }));
  }

  /**
   * The last event id that may carry an unkeyed hash (rows the migration found). Sealed with an HMAC
   * the first time a keyed process reads it; a watermark whose seal does not verify (raised by
   * someone without the key, or its seal removed) allows no unkeyed row at all.
   */
  async legacyWatermark(): Promise<number> {
    const [row] = (await this.db.query('SELECT max_event_id, mac FROM event_chain_legacy')) as {
      max_event_id: string;
      mac: string | null;
    }[];
    if (!row) return 0;
    const expected = legacyWatermarkMac(this.chainKey, row.max_event_id);
    if (row.mac === null) {
      const sealed = (await this.db.query('UPDATE event_chain_legacy SET mac = $1 WHERE mac IS NULL AND max_event_id = $2 RETURNING 1', [
        expected,
        row.max_event_id,
      ])) as unknown[];
      return sealed.length > 0 ? Number(row.max_event_id) : this.legacyWatermark();
    }
    return row.mac === expected ? Number(row.max_event_id) : 0;
  }

  /**
   * Recomputes the hash chain (one per case, in insertion order across its streams; a legacy case has
   * only stream 'main', whose insertion order is its seq order); returns the first sequence number
   * whose hash or link does not match.
   * Keyed rows verify only with the key. Unkeyed (legacy) rows verify as plain SHA-256 but only as
   * a prefix: an unkeyed row after a keyed one is a downgrade and breaks the chain there.
   */
  async verifyChain(caseId: string): Promise<ChainVerification> {
    const watermark = await this.legacyWatermark();
    const rows = await this.db.getRepository(CaseEventEntity).find({ where: { caseId }, order: { id: 'ASC' } });
    let prev: string | null = null;
    let seenKeyed = false;
    let legacyRows = 0;
    for (const row of rows) {
      const e = toCaseEventRecord(row);
      const alg = row.hashAlg;
      if (alg === HASH_ALG.legacy) legacyRows += 1;
      // Unkeyed rows are accepted only as they were found by the migration: before any keyed row, at or below the sealed watermark.
      const downgrade = alg === HASH_ALG.legacy && (seenKeyed || Number(row.id) > watermark);
      const expected = hashFor(alg, this.chainKey, prev, hashedContent(caseId, e.seq, e, e.actor, e.occurredAt, row.stream));
      if (downgrade || e.prevHash !== prev || expected !== e.hash) {
        return { valid: false, brokenAt: e.seq, length: rows.length, keyed: false, legacyRows };
      }
      if (alg === HASH_ALG.keyed) seenKeyed = true;
      prev = e.hash;
    }
    const head = rows[rows.length - 1];
    return { valid: true, brokenAt: null, length: rows.length, keyed: head ? head.hashAlg === HASH_ALG.keyed : true, legacyRows };
  }
}
