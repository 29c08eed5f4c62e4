// Every workflow type the worker registers. Workflow code may import only deterministic modules.
export { rectificationWorkflow } from './rectification/rectification.workflow';
