/**
 * The step a procedure rests in once it has ended (status 'completed'); the outcome says how. The
 * catalog lists the steps that are waited on; this one is never waited on and has no deadline.
 */
export const TERMINAL_STEP = 'completed';
