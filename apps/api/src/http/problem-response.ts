import type { Request, Response } from 'express';
import type { Problem } from './problem';
import { localisedTitle, negotiateLanguage } from './problem-titles';

/**
 * Writes a Problem as application/problem+json. Shared by the exception filter and by the middleware
 * that answers before any route runs (body limits, media types, methods), so every refusal looks alike.
 */
export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const language = negotiateLanguage(req.header('accept-language'));
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .setHeader('content-language', language)
    .json({
      // Extensions first: an extension named like a member of RFC 9457 (`status`, `type`, …) must not
      // replace it (a 409 once said `"status": "returned"`).
      ...problem.extensions,
      type: problem.type,
      title: localisedTitle(problem.title, problem.status, language),
      status: problem.status,
      detail: problem.detail,
      instance: req.originalUrl ?? req.url,
    });
}
