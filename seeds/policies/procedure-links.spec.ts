import { MACHINES } from '@anjian/domain/src/procedures/machines';
import {
  failureEscalations,
  LinkEvent,
  linksFor,
  manualStartsAllowed,
  ProcedureLinks,
  withLinkedStartInput,
} from '@anjian/domain/src/procedures/procedure-links';
import { defaultProcedureLinks as links } from './procedure-links';

const base = { caseJurisdiction: '140105' };
const ctx = { at: '2026-03-02T09:00:00+08:00', actor: { id: 'officer-140105', role: 'officer' as const, jurisdiction: '140105' } };

describe('default procedure links', () => {
  it('run a listing’s rectification, then (under the listing) its verification, then closure', () => {
    expect(
      linksFor(links, {
        ...base,
        on: 'procedure_started',
        procedure: 'listed_supervision',
        procedureId: 'listed_supervision-1',
        active: ['listed_supervision'],
      }),
    ).toEqual([
      {
        kind: 'start_procedure',
        procedure: 'rectification',
        reason: 'procedure link: listed_supervision-1 started',
        input: expect.objectContaining({ orderKind: 'within_deadline', escalations: failureEscalations(links, base) }),
      },
    ]);
    // not a second rectification when one runs already
    expect(
      linksFor(links, {
        ...base,
        on: 'procedure_started',
        procedure: 'listed_supervision',
        procedureId: 'listed_supervision-1',
        active: ['listed_supervision', 'rectification'],
      }),
    ).toEqual([]);
    const rectified: LinkEvent = {
      ...base,
      on: 'procedure_completed',
      procedure: 'rectification',
      procedureId: 'rectification-2',
      outcome: 'rectified',
      active: ['listed_supervision'],
    };
    expect(linksFor(links, rectified)).toEqual([
      expect.objectContaining({
        kind: 'start_procedure',
        procedure: 'verification',
        input: expect.objectContaining({ basis: 'application', sourceProcedureId: 'rectification-2' }),
      }),
    ]);
    expect(linksFor(links, { ...rectified, active: [] })).toEqual([]); // only under a listing
    expect(linksFor(links, { ...rectified, outcome: 'escalated' })).toEqual([]);
    const passed: LinkEvent = {
      ...base,
      on: 'procedure_completed',
      procedure: 'verification',
      procedureId: 'verification-1',
      outcome: 'passed',
      active: ['listed_supervision'],
    };
    expect(linksFor(links, passed).map((a) => a.kind === 'start_procedure' && a.procedure)).toEqual(['closure']);
  });

  it('turn overdue rungs into an interview, a listing, a transfer approval for the agency head, or a notice to the supervisor', () => {
    const rung = (action: 'interview' | 'listing' | 'transfer' | 'letter', active: LinkEvent['active'] = ['rectification']): LinkEvent => ({
      ...base,
      on: 'escalation_rung',
      action,
      procedure: 'rectification',
      procedureId: 'rectification-1',
      step: 'report',
      active,
    });
    expect(linksFor(links, rung('interview'))).toEqual([expect.objectContaining({ kind: 'start_procedure', procedure: 'interview' })]);
    expect(linksFor(links, rung('interview', ['rectification', 'interview']))).toEqual([]);
    expect(linksFor(links, rung('listing'))).toEqual([
      expect.objectContaining({ kind: 'start_procedure', procedure: 'listed_supervision', input: { caseJurisdiction: '140105' } }),
    ]);
    expect(linksFor(links, rung('transfer'))).toEqual([
      {
        kind: 'approval',
        approval: 'transfer',
        approverRole: 'agency_head',
        summary: "procedure link: escalation rung 'transfer' of rectification-1.report",
        data: { onApproved: { startProcedure: 'criminal_transfer' } },
      },
    ]);
    expect(linksFor(links, rung('letter'))).toEqual([
      { kind: 'notify', recipientRole: 'supervisor', summary: expect.stringContaining("'letter'") },
    ]);
  });

  it('give every procedure they start an input its machine accepts', () => {
    const events: LinkEvent[] = [
      { ...base, on: 'procedure_started', procedure: 'listed_supervision', procedureId: 'listed_supervision-1', active: [] },
      {
        ...base,
        on: 'procedure_completed',
        procedure: 'rectification',
        procedureId: 'rectification-1',
        outcome: 'rectified',
        active: ['listed_supervision'],
      },
      {
        ...base,
        on: 'procedure_completed',
        procedure: 'verification',
        procedureId: 'verification-1',
        outcome: 'passed',
        active: ['listed_supervision'],
      },
      ...(['interview', 'listing'] as const).map((action): LinkEvent => ({
        ...base,
        on: 'escalation_rung',
        action,
        procedure: 'rectification',
        procedureId: 'rectification-1',
        step: 'report',
        active: [],
      })),
    ];
    const started = events.flatMap((e) => linksFor(links, e)).filter((a) => a.kind === 'start_procedure');
    expect(started.map((a) => a.kind === 'start_procedure' && a.procedure)).toEqual([
      'rectification',
      'verification',
      'closure',
      'interview',
      'listed_supervision',
    ]);
    for (const a of started) {
      if (a.kind !== 'start_procedure') continue;
      expect(MACHINES[a.procedure].start(`${a.procedure}-9`, a.input, ctx).state.status).toBe('active');
    }
    // The transfer the head approves starts at flag_suspicion, pausing the track as the links say.
    const transfer = MACHINES.criminal_transfer.start(
      'criminal_transfer-1',
      { pauseAdministrative: links.pauseAdministrativeDuringTransfer },
      ctx,
    );
    expect(transfer.state).toMatchObject({ step: 'flag_suspicion', data: { pauseAdministrative: true } });
  });

  it('turn the failure thresholds into the requests a rectification raises (2 → interview, 3 → listing)', () => {
    const esc = failureEscalations(links, base);
    expect(esc.map((e) => [e.failures, e.request.kind === 'start_procedure' && e.request.procedure])).toEqual([
      [2, 'interview'],
      [3, 'listed_supervision'],
    ]);
    expect(esc[1]!.request).toMatchObject({ input: { caseJurisdiction: '140105' } });
    expect(() => MACHINES.rectification.start('rectification-1', { summary: 'x', escalations: esc }, ctx)).not.toThrow();
  });

  it('refuse malformed links', () => {
    const bad = (patch: Record<string, unknown>) => ProcedureLinks.safeParse({ ...links, ...patch }).success;
    expect(bad({})).toBe(true);
    expect(
      bad({
        failureThresholds: [
          { failures: 2, action: 'interview' },
          { failures: 2, action: 'listing' },
        ],
      }),
    ).toBe(false);
    expect(
      bad({ links: [{ when: { on: 'procedure_started', procedure: 'nope' }, then: [{ do: 'notify', recipientRole: 'supervisor' }] }] }),
    ).toBe(false);
    expect(bad({ links: [{ when: { on: 'escalation_rung', action: 'listing' }, then: [] }] })).toBe(false);
    expect(bad({ pauseAdministrativeDuringTransfer: undefined })).toBe(false);
  });
});

describe('withLinkedStartInput', () => {
  it('lets the links and the case win over what was typed', () => {
    const typed = { summary: '限期整改', escalations: [], pauseAdministrative: false, caseJurisdiction: '650101' };
    expect(withLinkedStartInput(links, 'rectification', typed, base)).toMatchObject({
      summary: '限期整改',
      escalations: failureEscalations(links, base),
    });
    expect(withLinkedStartInput(links, 'criminal_transfer', typed, base)).toMatchObject({ pauseAdministrative: true });
    expect(withLinkedStartInput(links, 'listed_supervision', typed, base)).toMatchObject({ caseJurisdiction: '140105' });
    expect(withLinkedStartInput(links, 'closure', { reason: 'x' }, base)).toEqual({ reason: 'x' });
  });
});

describe('default manual starts', () => {
  it('officers and supervisors start procedures; closure only after a verification and not during a transfer; the head and viewers start none', () => {
    const ctx = (role: string, active: string[] = [], completed: string[] = []) => ({ role, active, completed });
    expect(manualStartsAllowed(links, ctx('officer')).sort()).toEqual(
      ['criminal_transfer', 'interview', 'listed_supervision', 'rectification', 'verification'].sort(),
    );
    expect(manualStartsAllowed(links, ctx('officer', [], ['verification']))).toContain('closure');
    expect(manualStartsAllowed(links, ctx('officer', ['criminal_transfer'], ['verification']))).not.toContain('closure');
    expect(manualStartsAllowed(links, ctx('agency_head'))).toEqual([]);
    expect(manualStartsAllowed(links, ctx('viewer'))).toEqual([]);
  });
});
