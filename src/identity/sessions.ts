import { createHash } from 'node:crypto';
import { LIFETIMES, type IdentityDeps } from './deps.ts';
import { identityStore } from './store.ts';
import { randomToken, sameSecret } from './web/cookies.ts';

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

export interface Session {
  readonly pin: string;
  /** The synchronizer token a state-changing request of this session must repeat. */
  readonly csrfToken: string;
}

/**
 * Citizens' web sessions: a random id in a cookie, only its SHA-256 digest in the database (a copy of the table
 * opens no session), each with its own CSRF token. Signing out ends the session at once; the bearer tokens handed
 * out during it run out on their own (an hour).
 */
export class WebSessions {
  constructor(private readonly deps: IdentityDeps) {}

  async start(pin: string, audit: { issuer: string }): Promise<{ id: string; csrfToken: string; maxAgeSeconds: number }> {
    const id = randomToken();
    const csrfToken = randomToken();
    const at = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      await identityStore.insertSession(tx, { idHash: digest(id), pin, csrfToken, at, expiresAt: new Date(at.getTime() + LIFETIMES.sessionSeconds * 1000) });
      await this.deps.audit.record(tx, {
        actor: { kind: 'citizen', pin },
        action: 'session.started',
        purpose: 'citizen sign-in (OpenID Connect)',
        subjectPin: pin,
        details: { issuer: audit.issuer },
      });
    });
    return { id, csrfToken, maxAgeSeconds: LIFETIMES.sessionSeconds };
  }

  async find(id: string | undefined): Promise<Session | null> {
    if (!id) return null;
    const r = await identityStore.findSession(this.deps.db, digest(id), this.deps.clock.now());
    return r ? { pin: r.pin, csrfToken: r.csrf_token } : null;
  }

  /** Ends the session when `csrf` is its token; false (nothing changed) otherwise. */
  async end(id: string, s: Session, csrf: string | undefined): Promise<boolean> {
    if (!sameSecret(s.csrfToken, csrf)) return false;
    await this.deps.db.transaction(async (tx) => {
      await identityStore.endSession(tx, digest(id), this.deps.clock.now());
      await this.deps.audit.record(tx, { actor: { kind: 'citizen', pin: s.pin }, action: 'session.ended', purpose: 'citizen sign-out', subjectPin: s.pin });
    });
    return true;
  }

  /** A bearer token for the API, for the session's citizen. */
  async bearer(s: Session): Promise<{ token: string; expiresIn: number }> {
    return { token: await this.deps.tokens.issue({ kind: 'citizen', pin: s.pin }, LIFETIMES.citizenTokenSeconds), expiresIn: LIFETIMES.citizenTokenSeconds };
  }
}
