import { Secret, TOTP } from 'otpauth';

/**
 * The TOTP second factor (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps — what every authenticator app
 * understands. A code is accepted one step either side of now (RFC 6238 §5.2 recommends at most one step of
 * network and clock drift), and never twice: a code of a step at or before the last one used is refused, so a
 * code seen over a shoulder or in a log cannot be replayed (RFC 6238 §5.2, "the verifier MUST NOT accept the
 * second attempt of the same OTP").
 *
 * Example: at 2025-01-24T02:00:15Z the step is 1_737_684_000 / 30 = 57_922_800; codes of steps 57_922_799,
 * 57_922_800 and 57_922_801 are accepted when the last step used is below them.
 */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30, window: 1 } as const;

export type TotpCheck = { readonly ok: true; readonly step: number } | { readonly ok: false; readonly reason: 'wrong-totp' | 'replayed-totp' };

/** A new random secret (160 bits, RFC 4226 §4's recommended length), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'account', issuer = 'lienthong'): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), algorithm: TOTP_PARAMS.algorithm, digits: TOTP_PARAMS.digits, period: TOTP_PARAMS.period });
}

/** The 30-second step an instant falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PARAMS.period);
}

/** The code an authenticator shows at `at` (tests, and nothing else, need this). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/** The `otpauth://totp/…` URI an authenticator app scans (as a QR code) to enrol. */
export function provisioningUri(secretBase32: string, issuer: string, label: string): string {
  return totp(secretBase32, label, issuer).toString();
}

/** Whether `code` is right at `at`, within one step, and newer than the last step used (0: none yet). */
export function checkTotp(secretBase32: string, code: string, at: Date, lastStep: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong-totp' };
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: TOTP_PARAMS.window });
  if (delta === null) return { ok: false, reason: 'wrong-totp' };
  const step = totpStep(at) + delta;
  return step > lastStep ? { ok: true, step } : { ok: false, reason: 'replayed-totp' };
}
