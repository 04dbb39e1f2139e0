import type { FastifyServerOptions } from 'fastify';
import pino, { type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from './config.ts';

/**
 * Logs never carry secrets or personal data: credentials are redacted wherever they could
 * appear, and requests are logged by route pattern and path, never by query string (a
 * search's terms are personal data and go to the audit log, not to plain logs).
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.otp',
  '*.token',
  '*.key',
  '*.secret',
];

export function baseLoggerOptions(level: LogLevel): LoggerOptions {
  return { level, redact: { paths: REDACT, censor: '[redacted]' } };
}

export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    ...baseLoggerOptions(level),
    serializers: {
      req(request: { method: string; url: string; routeOptions?: { url?: string }; ip?: string }) {
        return { method: request.method, path: request.url.split('?')[0], route: request.routeOptions?.url };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  } as FastifyServerOptions['logger'];
}

export function createLogger(level: LogLevel): Logger {
  return pino(baseLoggerOptions(level));
}
