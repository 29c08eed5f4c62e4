// Every workflow type the worker registers. Workflow code may import only deterministic modules.
//
// Each workflow's module is required on its first call, not imported here: the SDK evaluates the
// bundle's modules again for every new (or replayed) workflow, so importing all four made every
// procedure workflow also evaluate the case, migration and legacy rectification workflows and their
// schemas (13 % of the workflow thread's CPU in a transitions run, docs/benchmarks-transitions.md).
// A wrapper adds no command, so histories replay as before.
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first call, see above */
import type * as Case from './case/case.workflow';
import type * as Migration from './migration/case-migration.workflow';
import type * as Procedure from './procedure/procedure.workflow';
import type * as Rectification from './rectification/rectification.workflow';

export function rectificationWorkflow(
  ...args: Parameters<typeof Rectification.rectificationWorkflow>
): ReturnType<typeof Rectification.rectificationWorkflow> {
  return (require('./rectification/rectification.workflow') as typeof Rectification).rectificationWorkflow(...args);
}

export function caseMigrationWorkflow(
  ...args: Parameters<typeof Migration.caseMigrationWorkflow>
): ReturnType<typeof Migration.caseMigrationWorkflow> {
  return (require('./migration/case-migration.workflow') as typeof Migration).caseMigrationWorkflow(...args);
}

export function caseWorkflow(...args: Parameters<typeof Case.caseWorkflow>): ReturnType<typeof Case.caseWorkflow> {
  return (require('./case/case.workflow') as typeof Case).caseWorkflow(...args);
}

export function procedureWorkflow(...args: Parameters<typeof Procedure.procedureWorkflow>): ReturnType<typeof Procedure.procedureWorkflow> {
  return (require('./procedure/procedure.workflow') as typeof Procedure).procedureWorkflow(...args);
}
/* eslint-enable @typescript-eslint/no-require-imports */
