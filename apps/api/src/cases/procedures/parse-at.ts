import type { z } from 'zod';
import { validationProblem } from '../../http/problem';

/** Parses a nested part of a request (e.g. body.input) so that field paths name where it sits. */
export function parseAt<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const where = prefix.split('.')[0]!;
  throw validationProblem(
    where,
    r.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message })),
  );
}
