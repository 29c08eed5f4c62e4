import type { LoggerOptions } from 'pino';

/**
 * What pino must never write (issue 12 "Protection": no token or personal data in logs). The request
 * serializer (create-app.ts) already logs only method and URL, and the access guard logs user ids,
 * never names; these paths are the net under both, for any object a log call may be handed (a request,
 * its headers, an error carrying a request config, a token response).
 */
export const LOG_REDACTION: NonNullable<LoggerOptions['redact']> = {
  paths: [
    'authorization',
    'headers.authorization',
    'headers.cookie',
    'req.headers.authorization',
    'req.headers.cookie',
    'request.headers.authorization',
    'res.headers["set-cookie"]',
    'err.config.headers.authorization',
    'token',
    'access_token',
    'id_token',
    'refresh_token',
    'password',
    '*.token',
    '*.access_token',
    '*.id_token',
    '*.refresh_token',
    '*.password',
    '*.authorization',
  ],
  censor: '[redacted]',
};
