import type { CaseEvent, CaseEventRecord, CasePatch, CaseRecord, NewCase, SequencedEvent } from '@anjian/domain';
import type { DataSource } from 'typeorm';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';
import { toCaseEventRecord, toCaseRecord } from './case.mapper';
import { eventHash } from './event-hash';

/** Exactly the stored fields, normalised as stored, so the chain can be re-verified from the rows. */
function hashedContent(
  caseId: string,
  seq: number,
  e: Pick<CaseEvent, 'type' | 'procedure' | 'before' | 'after' | 'reason' | 'data'>,
  actor: { id: string; role: string; jurisdiction: string } | null,
  at: string,
): Record<string, unknown> {
  return {
    caseId,
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

export class CaseRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Appends events and moves the case row forward in one transaction. Idempotent: events at or
   * below the case's last recorded sequence are skipped, so an activity retry writes nothing twice.
   */
  async record(caseId: string, events: SequencedEvent[], patch: CasePatch, open?: NewCase): Promise<{ appended: number }> {
    return this.db.transaction(async (m) => {
      if (open) {
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
      const [row] = (await m.query('SELECT last_seq FROM cases WHERE id = $1 FOR UPDATE', [caseId])) as { last_seq: number }[];
      if (!row) throw new Error(`case ${caseId} has no row to project onto`);
      const fresh = events.filter((e) => e.seq > row.last_seq).sort((a, b) => a.seq - b.seq);
      if (fresh.length === 0) return { appended: 0 };

      const [last] = (await m.query('SELECT hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1', [caseId])) as {
        hash: string;
      }[];
      let prevHash = last?.hash ?? null;
      for (const e of fresh) {
        const hash = eventHash(prevHash, hashedContent(caseId, e.seq, e, e.actor, e.at));
        await m.query(
          `INSERT INTO case_events (case_id, seq, type, procedure, step_before, step_after, actor_id, actor_role,
             actor_jurisdiction, reason, data, occurred_at, prev_hash, hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
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
          ],
        );
        prevHash = hash;
      }
      const lastEvent = fresh[fresh.length - 1]!;
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
          lastEvent.seq,
          lastEvent.at,
          patch.policyVersion,
        ],
      );
      return { appended: fresh.length };
    });
  }

  async findById(id: string): Promise<CaseRecord | null> {
    const e = await this.db.getRepository(CaseEntity).findOneBy({ id });
    return e ? toCaseRecord(e) : null;
  }

  async listEvents(caseId: string): Promise<CaseEventRecord[]> {
    const rows = await this.db.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
    return rows.map(toCaseEventRecord);
  }

  /** Recomputes the hash chain; returns the first sequence number whose hash does not match, if any. */
  async verifyChain(caseId: string): Promise<{ valid: boolean; brokenAt: number | null; length: number }> {
    const events = await this.listEvents(caseId);
    let prev: string | null = null;
    for (const e of events) {
      const content = hashedContent(caseId, e.seq, e, e.actor, e.occurredAt);
      if (e.prevHash !== prev || eventHash(prev, content) !== e.hash) return { valid: false, brokenAt: e.seq, length: events.length };
      prev = e.hash;
    }
    return { valid: true, brokenAt: null, length: events.length };
  }
}
