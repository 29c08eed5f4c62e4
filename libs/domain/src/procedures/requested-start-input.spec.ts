import type { z } from 'zod';
import { ProcedureId } from '../catalog/procedure';
import { MACHINES } from './machines';
import { linkedStartInput, ProcedureLinks } from './procedure-links';
import { requestedStartInput, WORKFLOW_SET_START_FIELDS, workflowSetStartFieldIssues } from './requested-start-input';

const links = ProcedureLinks.parse({ version: 'spec', pauseAdministrativeDuringTransfer: true, links: [] });

describe("the workflow's own start-input fields", () => {
  it('are exactly what the workflow sets from the links and the case on a start by hand', () => {
    for (const procedure of ProcedureId.options) {
      const set = Object.keys(linkedStartInput(links, procedure, { caseJurisdiction: '140105' }));
      expect({ procedure, fields: Object.keys(WORKFLOW_SET_START_FIELDS[procedure] ?? {}) }).toEqual({ procedure, fields: set });
    }
  });

  it('a request that sends one is told which and why; other fields and non-objects are left to the schema', () => {
    expect(workflowSetStartFieldIssues('rectification', { summary: 'x', escalations: [] })).toEqual([
      { path: ['escalations'], message: expect.stringMatching(/^set by the policy in force .*not by the request$/) },
    ]);
    expect(workflowSetStartFieldIssues('listed_supervision', { caseJurisdiction: '140105', reason: 'x' })).toEqual([
      { path: ['caseJurisdiction'], message: expect.stringContaining("the case's own jurisdiction") },
    ]);
    expect(workflowSetStartFieldIssues('criminal_transfer', { pauseAdministrative: false })).toEqual([
      { path: ['pauseAdministrative'], message: expect.stringContaining('policy in force') },
    ]);
    expect(workflowSetStartFieldIssues('rectification', { summary: 'x' })).toEqual([]);
    expect(workflowSetStartFieldIssues('interview', { escalations: [] })).toEqual([]);
    expect(workflowSetStartFieldIssues('rectification', null)).toEqual([]);
  });

  it("the requested schema is the machine's own without exactly those fields", () => {
    for (const procedure of ProcedureId.options) {
      const full = Object.keys((MACHINES[procedure].startInput as z.ZodObject).shape);
      const own = Object.keys(WORKFLOW_SET_START_FIELDS[procedure] ?? {});
      const requested = Object.keys((requestedStartInput(procedure) as z.ZodObject).shape);
      expect({ procedure, requested }).toEqual({ procedure, requested: full.filter((f) => !own.includes(f)) });
    }
  });

  it('the transfer keeps its rule across fields (offence with facts)', () => {
    const transfer = requestedStartInput('criminal_transfer');
    expect(transfer.safeParse({ offence: '危险作业罪', facts: '...' }).success).toBe(true);
    expect(transfer.safeParse({ offence: '危险作业罪' }).error?.issues).toEqual([expect.objectContaining({ path: ['facts'] })]);
    expect(transfer.safeParse({ pauseAdministrative: true }).success).toBe(false);
  });

  it('the requested schema leaves them out (strict: sent anyway, still refused) and keeps the rest', () => {
    const rect = requestedStartInput('rectification');
    expect(rect.safeParse({ summary: '限期整改' })).toMatchObject({ success: true, data: { summary: '限期整改' } });
    expect((rect.safeParse({ summary: '限期整改' }).data as object) ?? {}).not.toHaveProperty('escalations');
    expect(rect.safeParse({ summary: '限期整改', escalations: [] }).success).toBe(false);
    // Without caseJurisdiction, which the machine's own schema requires.
    expect(requestedStartInput('listed_supervision').safeParse({ reason: '挂牌' }).success).toBe(true);
    expect(MACHINES.listed_supervision.startInput.safeParse({ reason: '挂牌' }).success).toBe(false);
    expect(requestedStartInput('interview')).toBe(MACHINES.interview.startInput);
  });
});
