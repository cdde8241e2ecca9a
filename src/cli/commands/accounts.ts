import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { PlatformConfig } from '../../app/config.ts';
import { identity } from '../../identity/index.ts';
import type { NewOfficer } from '../../identity/index.ts';
import { AuditTrail } from '../../platform/audit/audit-trail.ts';
import { TokenService } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/db.ts';
import { makeLogger } from '../../platform/log/logger.ts';
import { AppError } from '../../kernel/errors.ts';

function service(db: Db, cfg: PlatformConfig) {
  const audit = new AuditTrail(db, cfg.clock, cfg.audit);
  return identity.create({ db, clock: cfg.clock, tokens: new TokenService(cfg.tokenSecret), audit, log: makeLogger({ level: 'warn' }), secretsKey: cfg.identityKey }).service;
}

function explain(e: unknown): string {
  if (e instanceof AppError) return [e.message, ...e.fields.map((f) => `  ${f.path}: ${f.reason}`)].join('\n');
  return e instanceof Error ? e.message : String(e);
}

/**
 * `lienthong officers create --username U --agency A --role R [--province PP|national]`: an officer account made by
 * the operator at the console (the first IT operator; later ones through the API). Prints the one-time
 * password and the TOTP enrolment URI, once. Audited as done by `operator:cli`.
 */
export async function officersCreate(db: Db, cfg: PlatformConfig, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { username: { type: 'string' }, agency: { type: 'string', default: 'hub' }, role: { type: 'string', default: 'it-operator' }, province: { type: 'string', default: 'national' } } });
  if (!values.username) throw new Error('--username is required');
  try {
    const made = await service(db, cfg).createOfficer(
      { username: values.username, agency: values.agency, role: values.role, area: { provinceCode: values.province === 'national' ? null : values.province } } as NewOfficer,
      { kind: 'operator', id: 'cli' },
    );
    console.log(`officer ${values.username} (${values.role}, ${values.agency}, ${values.province === 'national' ? 'national' : `province ${values.province}`}) created.`);
    console.log(`one-time password: ${made.initialPassword}`);
    console.log(`TOTP (scan into an authenticator app): ${made.totpUri}`);
    return 0;
  } catch (e) {
    console.error(`lienthong: ${explain(e)}`);
    return 2;
  }
}

/**
 * `lienthong citizens enrol --pin PIN [--password P]`: a citizen's account at the built-in identity provider
 * (embedded mode, pilots, tests). Prints the password (generated if not given) and the TOTP enrolment.
 */
export async function citizensEnrol(db: Db, cfg: PlatformConfig, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { pin: { type: 'string' }, password: { type: 'string' } } });
  if (!values.pin) throw new Error('--pin is required');
  const password = values.password ?? randomBytes(12).toString('base64url');
  try {
    const e = await service(db, cfg).createCitizenAccount(values.pin, password);
    console.log(`account for ${values.pin} created at the built-in identity provider.`);
    if (!values.password) console.log(`password: ${password}`);
    console.log(`TOTP secret: ${e.totpSecret}  (${e.totpUri})`);
    return 0;
  } catch (err) {
    console.error(`lienthong: ${explain(err)}`);
    return 2;
  }
}
