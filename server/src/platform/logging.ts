import type { FastifyBaseLogger } from 'fastify'
import type { LoggerOptions } from 'pino'

export type Logger = FastifyBaseLogger

/**
 * CLS-6: log lines carry ids, never personal data or secrets. Query strings
 * are dropped from logged URLs (searches put phone numbers there), bodies are
 * never logged, and credentials are redacted wherever they appear.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.totp',
  '*.token',
  '*.secret',
]

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }
}
