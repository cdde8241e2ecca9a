import type { AuditEvent, AuditTrail } from '../platform/audit/audit-trail.ts';
import type { TokenService } from '../platform/auth/tokens.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import type { Logger } from '../platform/log/logger.ts';
import type { IdentityKeys } from './secret-box.ts';
import type { TokenRevocations } from './revocations.ts';

/** The ports the identity part works through, passed in by whoever builds it. */
export interface IdentityDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly audit: AuditTrail;
  readonly log: Logger;
  readonly keys: IdentityKeys;
  readonly revocations: TokenRevocations;
}

/** Who an audited change is attributed to: a signed-in principal, or the CLI operator / the platform itself. */
export type Actor = AuditEvent['actor'];

/** The identity part acting on its own (a refused sign-in has no principal to name). */
export const IDENTITY_PART: Actor = { kind: 'part', id: 'identity' };

/** Lifetimes of what the identity part hands out. */
export const LIFETIMES = {
  officerTokenSeconds: 8 * 3600,
  clientTokenSeconds: 3600,
  citizenTokenSeconds: 3600,
  sessionSeconds: 8 * 3600,
} as const;

/** How an actor is named in the identity part's own rows (created_by, disabled_by). */
export function actorLabel(a: Actor): string {
  switch (a.kind) {
    case 'officer':
      return a.username;
    case 'system':
      return a.client;
    case 'citizen':
      return 'citizen';
    default:
      return `${a.kind}:${a.id}`;
  }
}
