// Every workflow type the worker registers. Workflow code may import only deterministic modules.
export { rectificationWorkflow } from './rectification/rectification.workflow';
export { caseMigrationWorkflow } from './migration/case-migration.workflow';
export { caseWorkflow } from './case/case.workflow';
export { procedureWorkflow } from './procedure/procedure.workflow';
