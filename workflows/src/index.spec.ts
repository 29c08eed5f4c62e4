/**
 * The worker's workflow registry loads each workflow's module on its first call: the SDK evaluates
 * the bundle's modules again for every new workflow, so a static import of all four would make every
 * workflow evaluate all of them. The workflow modules are replaced by stubs that record being loaded.
 */
const mockLoaded: string[] = [];
const stub = (name: string, fn: string) => () => {
  mockLoaded.push(name);
  return { [fn]: (...args: unknown[]) => ({ ran: fn, args }) };
};
jest.mock('./case/case.workflow', () => stub('case', 'caseWorkflow')());
jest.mock('./procedure/procedure.workflow', () => stub('procedure', 'procedureWorkflow')());
jest.mock('./migration/case-migration.workflow', () => stub('migration', 'caseMigrationWorkflow')());
jest.mock('./rectification/rectification.workflow', () => stub('rectification', 'rectificationWorkflow')());

// Required after the stubs exist (a static import would be hoisted above them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflows = require('./index') as typeof import('./index');

describe('workflow registry (workflows/src/index.ts)', () => {
  it('exports the four workflow types and loads none of their modules up front', () => {
    expect(Object.keys(workflows).sort()).toEqual(['caseMigrationWorkflow', 'caseWorkflow', 'procedureWorkflow', 'rectificationWorkflow']);
    expect(mockLoaded).toEqual([]);
  });

  it("loads a workflow's module on its first call only, and passes the input through", () => {
    const input = { caseId: 'c-1' } as never;
    expect(workflows.procedureWorkflow(input)).toEqual({ ran: 'procedureWorkflow', args: [input] });
    expect(mockLoaded).toEqual(['procedure']);
    expect(workflows.caseWorkflow(input)).toEqual({ ran: 'caseWorkflow', args: [input] });
    expect(workflows.procedureWorkflow(input)).toEqual({ ran: 'procedureWorkflow', args: [input] });
    expect(mockLoaded).toEqual(['procedure', 'case']);
  });
});
