import { randomUUID } from 'node:crypto';
import type { CasePatch, NewCase, SequencedEvent } from '@anjian/domain';
import { CaseRepository, canonicalJson, createDataSource, eventHash } from '@anjian/persistence';
import type { DataSource } from 'typeorm';

/**
 * The projection at repository level, against the real (migrated) test database: it converges to
 * what the workflow committed, and its keyed chain detects a consistent rewrite.
 */
const KEY = 'test-event-chain-key-0123456789-abcdefghijklmnop';
const actor = { id: 'officer-140105-001', name: '王执法', role: 'officer' as const, jurisdiction: '140105' };

function newCase(id: string): NewCase {
  return {
    id,
    title: '除尘系统未设锁气卸灰装置',
    description: '',
    source: 'inspection',
    sector: 'industry_trade',
    jurisdiction: '140105',
    hazardGrade: 'major',
    enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
    procedure: 'rectification',
    assigneeId: actor.id,
    openedBy: actor.id,
    openedAt: '2026-03-02T02:00:00.000Z',
    policyVersion: 1,
    workflowId: `case-${id}-rectification`,
  };
}

const deadline = (step: string, start: string, dueAt: string) => ({
  step,
  start,
  dueAt,
  origin: 'policy' as const,
  policyVersion: 1,
  calendarId: 'CN',
  calendarVersion: 1,
  explanation: 'test',
  reminders: [],
  escalations: [],
  outsideKnownYears: false,
});

function issued(at: string, dueAt: string): { events: SequencedEvent[]; patch: CasePatch } {
  const d = deadline('report', at, dueAt);
  return {
    events: [
      {
        seq: 1,
        type: 'order_issued',
        procedure: 'rectification',
        at,
        actor,
        reason: null,
        before: null,
        after: 'awaiting_report',
        data: { deadline: d },
      },
    ],
    patch: { step: 'awaiting_report', status: 'open', deadline: d, overdue: false, failures: 0, closedAt: null, policyVersion: 1 },
  };
}

function reported(seq: number, at: string, dueAt: string): { events: SequencedEvent[]; patch: CasePatch } {
  const d = deadline('recheck', at, dueAt);
  return {
    events: [
      {
        seq,
        type: 'report_submitted',
        procedure: 'rectification',
        at,
        actor,
        reason: null,
        before: 'awaiting_report',
        after: 'awaiting_recheck',
        data: { summary: '已整改', attachments: [], late: false, deadline: d },
      },
    ],
    patch: { step: 'awaiting_recheck', status: 'open', deadline: d, overdue: false, failures: 0, closedAt: null, policyVersion: 1 },
  };
}

describe('CaseRepository: projection convergence and the keyed chain', () => {
  let db: DataSource;
  let cases: CaseRepository;
  beforeAll(async () => {
    db = await createDataSource(process.env['TEST_DATABASE_URL']!, 3).initialize();
    cases = new CaseRepository(db, KEY);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function openAt(id: string, at: string, dueAt: string) {
    const t = issued(at, dueAt);
    return cases.record(id, t.events, t.patch, newCase(id));
  }

  it('replaces an event a killed attempt wrote at a known seq with what the workflow committed', async () => {
    const id = randomUUID();
    const T1 = '2026-03-02T02:00:00.000Z';
    const T2 = '2026-03-02T02:00:07.500Z';
    await openAt(id, T1, '2026-03-09T16:00:00.000Z');
    const killed = reported(2, T1, '2026-03-16T16:00:00.000Z'); // the killed attempt's version
    await cases.record(id, killed.events, killed.patch);

    // The retried workflow task computed the same event with a later `new Date()` (and the deadline counted from it).
    const retried = reported(2, T2, '2026-03-17T16:00:00.000Z');
    const result = await cases.record(id, retried.events, retried.patch);
    expect(result).toEqual({ appended: 1, corrected: 1 });

    const events = await cases.listEvents(id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events[1]!.occurredAt).toBe(T2);
    expect((events[1]!.data['deadline'] as { dueAt: string }).dueAt).toBe('2026-03-17T16:00:00.000Z');
    expect(await cases.verifyChain(id)).toEqual({ valid: true, brokenAt: null, length: 2, keyed: true, legacyRows: 0 });

    const record = await cases.findById(id);
    expect(record).toMatchObject({ lastSeq: 2, updatedAt: T2, step: 'awaiting_recheck' });
    expect(record!.deadline!.dueAt).toBe('2026-03-17T16:00:00.000Z');

    const corrections = await cases.listCorrections(id);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.seq).toBe(2);
    expect(new Date(corrections[0]!.oldRow['occurred_at'] as string).toISOString()).toBe(T1);
    expect(corrections[0]!.newRow).toMatchObject({ seq: 2, at: T2 });

    // Recording the committed version again (an activity retry) changes nothing.
    expect(await cases.record(id, retried.events, retried.patch)).toEqual({ appended: 0, corrected: 0 });
    expect(await cases.listCorrections(id)).toHaveLength(1);
  });

  it('replaces the opening event too and drops stored rows after the corrected seq', async () => {
    const id = randomUUID();
    await openAt(id, '2026-03-02T02:00:00.000Z', '2026-03-09T16:00:00.000Z');
    const r = reported(2, '2026-03-03T02:00:00.000Z', '2026-03-16T16:00:00.000Z');
    await cases.record(id, r.events, r.patch);

    const again = issued('2026-03-02T02:00:01.000Z', '2026-03-10T16:00:00.000Z');
    expect(await cases.record(id, again.events, again.patch, newCase(id))).toEqual({ appended: 1, corrected: 2 });
    const events = await cases.listEvents(id);
    expect(events.map((e) => [e.seq, e.occurredAt])).toEqual([[1, '2026-03-02T02:00:01.000Z']]);
    expect(await cases.findById(id)).toMatchObject({ lastSeq: 1, step: 'awaiting_report' });
    expect((await cases.verifyChain(id)).valid).toBe(true);
    expect((await cases.listCorrections(id)).map((c) => [c.seq, c.newRow === null])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('still refuses a plain UPDATE or DELETE of the event log, even with the correction setting but no logged correction', async () => {
    const id = randomUUID();
    await openAt(id, '2026-03-02T02:00:00.000Z', '2026-03-09T16:00:00.000Z');
    await expect(db.query(`UPDATE case_events SET reason = 'x' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM case_events WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(
      db.transaction(async (m) => {
        await m.query(`SELECT set_config('anjian.projection_correction', 'on', true)`);
        await m.query(`DELETE FROM case_events WHERE case_id = $1`, [id]);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM case_event_corrections`)).rejects.toThrow(/append-only/);
    expect(await cases.listEvents(id)).toHaveLength(1);
  });

  describe('tamper evidence', () => {
    /** What an attacker with database access but without the key can do: rewrite a row and re-chain with SHA-256. */
    async function rewriteAndRechain(id: string, fromSeq: number, downgrade: boolean) {
      await db.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update');
      try {
        await db.query(`UPDATE case_events SET data = jsonb_set(data, '{summary}', '"伪造：已全部整改"') WHERE case_id = $1 AND seq = $2`, [
          id,
          fromSeq,
        ]);
        const rows = await cases.listEvents(id);
        let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? null;
        for (const r of rows.filter((x) => x.seq >= fromSeq)) {
          const content = {
            caseId: id,
            seq: r.seq,
            type: r.type,
            procedure: r.procedure,
            before: r.before,
            after: r.after,
            actor: r.actor,
            reason: r.reason,
            data: r.data,
            at: r.occurredAt,
          };
          const hash = eventHash(prev, content);
          await db.query(
            `UPDATE case_events SET prev_hash = $3, hash = $4${downgrade ? `, hash_alg = 'sha256'` : ''} WHERE case_id = $1 AND seq = $2`,
            [id, r.seq, prev, hash],
          );
          prev = hash;
        }
        expect(canonicalJson(rows.find((r) => r.seq === fromSeq)!.data)).toContain('伪造');
      } finally {
        await db.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update');
      }
    }

    /** Recomputes a case's rows as the unkeyed chain they were before the migration (hash_alg sha256). */
    async function legacyRehash(id: string) {
      await db.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update');
      try {
        let prev: string | null = null;
        for (const r of await cases.listEvents(id)) {
          const hash = eventHash(prev, {
            caseId: id,
            seq: r.seq,
            type: r.type,
            procedure: r.procedure,
            before: r.before,
            after: r.after,
            actor: r.actor,
            reason: r.reason,
            data: r.data,
            at: r.occurredAt,
          });
          await db.query(`UPDATE case_events SET prev_hash = $3, hash = $4, hash_alg = 'sha256' WHERE case_id = $1 AND seq = $2`, [
            id,
            r.seq,
            prev,
            hash,
          ]);
          prev = hash;
        }
      } finally {
        await db.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update');
      }
    }

    async function threeEvents(id: string) {
      await openAt(id, '2026-03-02T02:00:00.000Z', '2026-03-09T16:00:00.000Z');
      const r = reported(2, '2026-03-03T02:00:00.000Z', '2026-03-16T16:00:00.000Z');
      await cases.record(id, r.events, r.patch);
      const t = reported(3, '2026-03-04T02:00:00.000Z', '2026-03-17T16:00:00.000Z');
      await cases.record(id, [{ ...t.events[0]!, type: 'deadline_rearmed', reason: 'policy moved' }], t.patch);
      expect(await cases.verifyChain(id)).toMatchObject({ valid: true, keyed: true, length: 3 });
    }

    it('detects a rewritten row whose chain was recomputed with plain SHA-256', async () => {
      const id = randomUUID();
      await threeEvents(id);
      await rewriteAndRechain(id, 2, false);
      expect(await cases.verifyChain(id)).toMatchObject({ valid: false, brokenAt: 2 });
    });

    it('detects the same rewrite when the attacker also marks the rows as legacy (downgrade)', async () => {
      const id = randomUUID();
      await threeEvents(id);
      await rewriteAndRechain(id, 2, true);
      expect(await cases.verifyChain(id)).toMatchObject({ valid: false, brokenAt: 2 });
    });

    it('keeps rows written before the chain was keyed verifiable, anchored by the keyed rows after them', async () => {
      const id = randomUUID();
      await openAt(id, '2026-03-02T02:00:00.000Z', '2026-03-09T16:00:00.000Z');
      const r = reported(2, '2026-03-03T02:00:00.000Z', '2026-03-16T16:00:00.000Z');
      await cases.record(id, r.events, r.patch);
      // As the migration found them: plain SHA-256, at or below the (not yet sealed) watermark.
      await legacyRehash(id);
      await db.query(`UPDATE event_chain_legacy SET max_event_id = (SELECT max(id) FROM case_events), mac = NULL`);
      const legacyCases = new CaseRepository(db, KEY);
      const t = reported(3, '2026-03-04T02:00:00.000Z', '2026-03-17T16:00:00.000Z');
      await legacyCases.record(id, [{ ...t.events[0]!, type: 'deadline_rearmed', reason: 'policy moved' }], t.patch);
      expect(await legacyCases.verifyChain(id)).toEqual({ valid: true, brokenAt: null, length: 3, keyed: true, legacyRows: 2 });

      // Rewriting a legacy row means re-chaining the keyed row after it, which needs the key.
      await rewriteAndRechain(id, 1, true);
      expect(await legacyCases.verifyChain(id)).toMatchObject({ valid: false, brokenAt: 3 });

      // Raising the sealed watermark (to pass off later rows as legacy) voids it: no unkeyed row is accepted.
      const other = randomUUID();
      await openAt(other, '2026-03-02T02:00:00.000Z', '2026-03-09T16:00:00.000Z');
      await legacyRehash(other);
      expect(await legacyCases.verifyChain(other)).toMatchObject({ valid: false, brokenAt: 1 });
      await db.query(`UPDATE event_chain_legacy SET max_event_id = (SELECT max(id) FROM case_events)`);
      expect(await legacyCases.verifyChain(other)).toMatchObject({ valid: false, brokenAt: 1 });
      await db.query(`UPDATE event_chain_legacy SET mac = NULL`); // nor can the seal be removed and made anew without the key…
      expect(await new CaseRepository(db, 'attacker-key-of-at-least-32-characters!!').legacyWatermark()).toBeGreaterThan(0);
      expect(await legacyCases.verifyChain(other)).toMatchObject({ valid: false, brokenAt: 1 }); // …the real key rejects it
    });

    it('detects a whole chain re-hashed as unkeyed (rows newer than the legacy watermark must be keyed)', async () => {
      const id = randomUUID();
      await threeEvents(id);
      await rewriteAndRechain(id, 1, true);
      expect(await cases.verifyChain(id)).toMatchObject({ valid: false, brokenAt: 1 });
    });

    it('finds nothing valid when verified with another key', async () => {
      const other = randomUUID();
      await threeEvents(other);
      expect(await new CaseRepository(db, 'another-key-of-at-least-32-characters!!').verifyChain(other)).toMatchObject({
        valid: false,
        brokenAt: 1,
      });
    });
  });
});
