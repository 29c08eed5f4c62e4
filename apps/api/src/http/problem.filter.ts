import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Problem } from './problem';
import { localisedTitle, negotiateLanguage } from './problem-titles';

/** Every error leaves the API as application/problem+json; unexpected ones are logged, not leaked. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    let problem: Problem;
    if (err instanceof Problem) problem = err;
    else if (err instanceof HttpException) {
      const body = err.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message as string | undefined);
      problem = new Problem(err.getStatus(), err.name.replace(/Exception$/, ''), typeof detail === 'string' ? detail : err.message);
    } else if ((err as { type?: string }).type === 'entity.parse.failed') {
      problem = new Problem(400, 'Malformed JSON', 'the request body is not valid JSON', {}, '/problems/malformed-json');
    } else {
      this.log.error({ err, path: req.url }, 'unhandled error');
      problem = new Problem(500, 'Internal Server Error', 'an unexpected error occurred; it has been logged');
    }
    const language = negotiateLanguage(req.header('accept-language'));
    for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .setHeader('content-language', language)
      .json({
        type: problem.type,
        title: localisedTitle(problem.title, problem.status, language),
        status: problem.status,
        detail: problem.detail,
        instance: req.url,
        ...problem.extensions,
      });
  }
}
