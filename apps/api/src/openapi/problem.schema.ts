import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('validation errors with field paths'),
    currentStep: z.string().optional().describe('for a refused action: the step the case is in'),
    allowedActions: z.array(z.string()).optional().describe('for a refused action: what the step allows'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: PROBLEM_TEXT[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: `errors` lists each field path and what was expected',
  403: "The caller's role may not do this, or the target lies outside their jurisdiction",
  404: "No such resource (or outside the caller's jurisdiction)",
  422: 'No deadline can be computed from the configured policy and calendar',
  409: 'The action is not allowed in the current step: `currentStep` and `allowedActions` say what is',
  503: 'A dependency (Temporal or PostgreSQL) is unavailable',
};
