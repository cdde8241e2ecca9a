import { CitizenAccounts, type CitizenEnrolment } from './citizens.ts';
import { SystemClients, type CreatedClient, type NewClient } from './clients.ts';
import { IDENTITY_PART, type Actor, type IdentityDeps } from './deps.ts';
import type { NewOfficer } from './domain/officer-rules.ts';
import { createOfficer, OfficerAccounts, type CreatedOfficer } from './officers.ts';
import { WebSessions } from './sessions.ts';

export { createOfficer };

/** What the identity part offers the rest of the platform and the CLI. */
export class IdentityService {
  readonly officers: OfficerAccounts;
  readonly clients: SystemClients;
  readonly citizens: CitizenAccounts;
  readonly sessions: WebSessions;

  constructor(private readonly deps: IdentityDeps) {
    this.officers = new OfficerAccounts(deps);
    this.clients = new SystemClients(deps);
    this.citizens = new CitizenAccounts(deps);
    this.sessions = new WebSessions(deps);
  }

  /**
   * Creates an officer account: the CLI bootstraps the first IT operator with
   * `createOfficer({ username, agency: 'hub', role: 'it-operator', area: { provinceCode } }, { kind: 'operator', id: 'cli' })`.
   */
  createOfficer(input: NewOfficer, actor: Actor): Promise<CreatedOfficer> {
    return createOfficer(this.deps, input, actor);
  }

  /** A system client with its one-time secret (the API checks that an IT operator asks). */
  createClient(input: NewClient, actor: Actor): Promise<CreatedClient> {
    return this.clients.create(actor, input);
  }

  /** A citizen's account at the built-in identity provider, with its TOTP enrolment. */
  createCitizenAccount(pin: string, password: string, actor: Actor = IDENTITY_PART): Promise<CitizenEnrolment> {
    return this.citizens.create(pin, password, actor);
  }
}
