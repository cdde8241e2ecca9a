import { pino, stdSerializers, type Logger } from 'pino';

/** Errors are logged by type, message, code and stack: a database error's bound parameters may hold personal data. */
function safeError(e: unknown): Record<string, unknown> {
  const s = stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  return { type: s.type, message: s.message, code: s.code, stack: s.stack };
}

export type { Logger };

/**
 * Structured JSON logs. Log ids (dossier, message, procedure), types and outcomes only: never a
 * payload, a declaration, a name or a PIN. The redaction list is a second line of defence.
 */
export function makeLogger(opts: { level?: string; name?: string; destination?: { write(line: string): void } } = {}): Logger {
  const options = {
    name: opts.name ?? 'lienthong',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    serializers: { err: safeError, error: safeError },
    redact: {
      paths: [
        'payload', '*.payload', 'declaration', '*.declaration', 'pin', '*.pin', 'fullName', '*.fullName',
        'req.headers.authorization', 'body', '*.body', 'token',
      ],
      censor: '[redacted]',
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
