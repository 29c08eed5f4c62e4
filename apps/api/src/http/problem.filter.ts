import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Problem } from './problem';
import { bodyParserProblem } from './body-problems';
import { sendProblem } from './problem-response';

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
    } else if (bodyParserProblem(err)) {
      // Normally answered by http/json-body.ts before any route; kept here so none can become a 500.
      problem = bodyParserProblem(err)!;
    } else {
      this.log.error({ err, path: req.url }, 'unhandled error');
      problem = new Problem(500, 'Internal Server Error', 'an unexpected error occurred; it has been logged');
    }
    sendProblem(req, res, problem);
  }
}
