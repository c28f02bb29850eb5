import { pino, type Logger } from 'pino';

export type { Logger };

// Structured JSON logs. Secrets never reach a log line: tokens and passwords are redacted by path.
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'threadline-hub' },
    redact: ['password', '*.password', 'token', '*.token', 'headers.authorization', 'req.headers.authorization'],
  });
}
