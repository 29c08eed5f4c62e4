import { randomUUID } from 'node:crypto';
import type { SequencedEvent } from '@anjian/domain';
import { stepVisitsFromEvents } from '@anjian/persistence/src/migrations/1734500000000-step-visits';
import { newTestCase, useProjectionWriter } from '../support/projection-writer';

/**
 * `case_step_visits` (the on-time rate's visits) as the triggers on `case_events` keep it, through the
 * real projection writer: one row per step left, deadline misses counted per visit and per stream, a
 * projection correction replacing the visits it rewrites, and always the same rows the migration's
 * backfill computes from the history.
 */
const officer = { id: 'officer@140105', name: '王执法', role: 'officer' as const, jurisdiction: '140105' };
const T = (s: number) => new Date(Date.parse('2026-05-04T02:00:00.000Z') + s * 1000).toISOString();

const ev = (seq: number, type: string, before: string | null, after: string, at: number, procedure = 'rectification'): SequencedEvent => ({
  seq,
  type,
  procedure,
  at: T(at),
  actor: type.startsWith('deadline_') ? null : officer,
  reason: null,
  before,
  after,
  data: {},
});

interface VisitRow {
  stream: string;
  seq: number;
  step: string;
  left_at: string;
  missed: number;
}

describe('case_step_visits (kept by triggers on case_events)', () => {
  const writer = useProjectionWriter();

  const shape = (rows: Record<string, unknown>[]): VisitRow[] =>
    rows
      .map((r) => ({
        stream: String(r['stream']),
        seq: Number(r['seq']),
        step: String(r['step']),
        left_at: new Date(r['left_at'] as string).toISOString(),
        missed: Number(r['missed']),
      }))
      .sort((a, b) => a.stream.localeCompare(b.stream) || a.seq - b.seq);
  const visitsOf = async (caseId: string) => shape(await writer.db.query('SELECT * FROM case_step_visits WHERE case_id = $1', [caseId]));
  const fromHistory = async (caseId: string) => shape(await writer.db.query(stepVisitsFromEvents('e.case_id = $1'), [caseId]));

  async function openedCase(): Promise<string> {
    const id = randomUUID();
    await writer.repo.project({
      caseId: id,
      stream: 'case',
      open: newTestCase(id, T(0)),
      events: [{ ...ev(1, 'case_opened', null, 'open', 0), procedure: 'case' }],
      casePatch: { status: 'open' },
    });
    return id;
  }

  it('records each step left with the deadline misses of that visit only (per visit, per stream)', async () => {
    const id = await openedCase();
    const write = (stream: string, ...events: SequencedEvent[]) => writer.repo.project({ caseId: id, stream, events });
    await write('rectification-1', ev(1, 'order_issued', null, 'awaiting_report', 1));
    await write('interview-1', ev(1, 'interview_scheduled', null, 'scheduled', 2, 'interview'));
    // A miss on another stream is not this visit's.
    await write('interview-1', ev(2, 'deadline_missed', 'scheduled', 'scheduled', 3, 'interview'));
    await write('rectification-1', ev(2, 'deadline_passed', 'awaiting_report', 'awaiting_report', 4));
    await write('rectification-1', ev(3, 'report_submitted', 'awaiting_report', 'awaiting_recheck', 5));
    // The failed re-check sends the case back: the second visit of awaiting_report is judged on its own.
    await write(
      'rectification-1',
      ev(4, 'recheck_failed', 'awaiting_recheck', 'awaiting_report', 6),
      ev(5, 'report_submitted', 'awaiting_report', 'awaiting_recheck', 7),
    );

    const visits = await visitsOf(id);
    expect(visits).toEqual([
      { stream: 'rectification-1', seq: 3, step: 'awaiting_report', left_at: T(5), missed: 1 },
      { stream: 'rectification-1', seq: 4, step: 'awaiting_recheck', left_at: T(6), missed: 0 },
      { stream: 'rectification-1', seq: 5, step: 'awaiting_report', left_at: T(7), missed: 0 },
    ]);
    expect(visits).toEqual(await fromHistory(id));
    // Each visit carries its case's scope, which the statistics filter on.
    expect(await writer.db.query('SELECT DISTINCT jurisdiction, sector FROM case_step_visits WHERE case_id = $1', [id])).toEqual([
      { jurisdiction: '140105', sector: 'hazardous_chemicals' },
    ]);
  });

  it('follows a projection correction: the rewritten visits replace the old ones', async () => {
    const id = await openedCase();
    const write = (...events: SequencedEvent[]) => writer.repo.project({ caseId: id, stream: 'rectification-1', events });
    await write(ev(1, 'order_issued', null, 'awaiting_report', 1));
    // A killed workflow-task attempt wrote its version of seq 2–3…
    await write(
      ev(2, 'report_submitted', 'awaiting_report', 'awaiting_recheck', 2),
      ev(3, 'recheck_passed', 'awaiting_recheck', 'rectified', 3),
    );
    expect((await visitsOf(id)).map((v) => v.seq)).toEqual([2, 3]);
    // …the retry that won saw the deadline pass first, then the late report.
    const result = await write(
      ev(2, 'deadline_passed', 'awaiting_report', 'awaiting_report', 4),
      ev(3, 'deadline_missed', 'awaiting_report', 'awaiting_report', 5),
      ev(4, 'report_submitted', 'awaiting_report', 'awaiting_recheck', 6),
    );
    expect(result.corrected).toBeGreaterThan(0);

    const visits = await visitsOf(id);
    expect(visits).toEqual([{ stream: 'rectification-1', seq: 4, step: 'awaiting_report', left_at: T(6), missed: 2 }]);
    expect(visits).toEqual(await fromHistory(id));
  });
});
