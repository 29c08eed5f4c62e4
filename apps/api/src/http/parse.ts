import { z } from 'zod';
import { validationProblem } from './problem';

/** Parses a request part with its zod schema, or throws a 400 naming each field and what was expected. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path' | 'headers'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw validationProblem(
    where,
    r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })),
  );
}

/** A route without query parameters: any parameter is a 400 on `query`, as on the lists (strict schemas), never ignored. */
export const NoQuery = z.strictObject({});

/** Refuses any query parameter on a route that reads none. */
export function noQuery(query: unknown): void {
  parse(NoQuery, query, 'query');
}
