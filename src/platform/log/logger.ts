import { pino, stdSerializers, type Logger } from 'pino';

/** Errors are logged by type, message, code and stack: a database error's bound parameters may hold personal data. */
function safeError(e: unknown): Record<string, unknown> {
  const s = stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  return { type: s.type, message: s.message, code: s.code, stack: s.stack };
}

export type { Logger };

/**
 * Keys whose value is personal data or a credential wherever they occur in a log object, at the top or one level
 * down (pino's `*.key`). No code logs them (log-scan.test.ts checks a full run): this is the second line of
 * defence of Decree 13/2023/ND-CP art. 26 (personal data processed for a purpose only) and of the identity
 * rules (never a password, a one-time code or a token in a log).
 */
export const REDACTED_KEYS = [
  // whole messages and forms
  'payload', 'declaration', 'body', 'answers',
  // who a person is
  'pin', 'subjectPin', 'deceasedPin', 'motherPin', 'fatherPin', 'declarantPin', 'fullName', 'dateOfBirth',
  // their insurance and their money
  'siCode', 'cardNumber', 'hiCardNumber', 'bankAccount', 'accountNumber', 'payerAccount', 'payerName', 'payer_account', 'payer_name',
  // how to reach them
  'phone', 'email', 'address',
  // credentials
  'password', 'totp', 'token', 'secret', 'clientSecret', 'client_secret', 'cookie', 'authorization',
] as const;
const REDACTED_PATHS = [
  ...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]),
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.cookie', 'headers.authorization',
];

/**
 * Structured JSON logs. Log ids (dossier, message, procedure), types and outcomes only: never a
 * payload, a declaration, a name or a PIN. The redaction list is a second line of defence.
 */
export function makeLogger(opts: { level?: string; name?: string; destination?: { write(line: string): void } } = {}): Logger {
  const options = {
    name: opts.name ?? 'lienthong',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    serializers: { err: safeError, error: safeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
