import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { PartName } from './parts.ts';
import { closedSchema } from './closed-schema.ts';
import * as audit from './messages/audit.ts';
import * as civil from './messages/civil-registry.ts';
import * as health from './messages/health.ts';
import * as population from './messages/population.ts';
import * as proc from './messages/procedure.ts';
import * as rules from './messages/rule-versions.ts';
import * as ss from './messages/social-security.ts';

interface MessageSpec {
  readonly schema: TSchema;
  /** Who may send it and who may receive it: deny by default, the agency registry builds on this. */
  readonly from: readonly PartName[];
  readonly to: readonly PartName[];
}

const AGENCY_TO_HUB = { from: ['population', 'civil-registry', 'social-security'], to: ['hub'] } as const;

/** Every message type there is. Hub and agencies share this one table. */
export const MESSAGE_TYPES = {
  'population.verify-people.requested': { schema: population.VerifyPeopleRequested, from: ['hub'], to: ['population'] },
  'population.verify-people.completed': { schema: population.VerifyPeopleCompleted, from: ['population'], to: ['hub'] },
  'population.pin.requested': { schema: population.PinRequested, from: ['civil-registry'], to: ['population'] },
  'population.pin.issued': { schema: population.PinIssued, from: ['population'], to: ['civil-registry'] },
  'population.residence-registration.requested': {
    schema: population.ResidenceRegistrationRequested,
    from: ['hub'],
    to: ['population'],
  },
  'civil-registry.birth-registration.requested': {
    schema: civil.BirthRegistrationRequested,
    from: ['hub'],
    to: ['civil-registry'],
  },
  'social-security.hi-card.requested': { schema: ss.HiCardRequested, from: ['hub'], to: ['social-security'] },
  'civil-registry.death-registration.requested': {
    schema: civil.DeathRegistrationRequested,
    from: ['hub'],
    to: ['civil-registry'],
  },
  'population.death.recorded': { schema: population.DeathRecorded, from: ['civil-registry'], to: ['population'] },
  'population.residence-deregistration.requested': {
    schema: population.ResidenceDeregistrationRequested,
    from: ['hub'],
    to: ['population'],
  },
  'social-security.death-benefits.requested': { schema: ss.DeathBenefitsRequested, from: ['hub'], to: ['social-security'] },
  'social-security.voluntary-si.requested': { schema: ss.VoluntarySiRequested, from: ['hub'], to: ['social-security'] },
  // A death notice cited in a death declaration: the civil registry asks health for it before registering.
  'health.death-notice-check.requested': { schema: health.DeathNoticeCheckRequested, from: ['civil-registry'], to: ['health'] },
  'health.death-notice-check.completed': { schema: health.DeathNoticeCheckCompleted, from: ['health'], to: ['civil-registry'] },
  'procedure.completed': { schema: proc.ProcedureCompleted, ...AGENCY_TO_HUB },
  'procedure.rejected': { schema: proc.ProcedureRejected, ...AGENCY_TO_HUB },
  'procedure.awaiting-payment': { schema: proc.ProcedureAwaitingPayment, ...AGENCY_TO_HUB },
  'procedure.in-review': { schema: proc.ProcedureInReview, ...AGENCY_TO_HUB },
  'procedure.supplement-requested': { schema: proc.SupplementRequested, ...AGENCY_TO_HUB },
  'procedure.supplement-provided': {
    schema: proc.SupplementProvided,
    from: ['hub'],
    to: ['population', 'civil-registry', 'social-security'],
  },
  'procedure.supplement-expired': {
    schema: proc.SupplementExpired,
    from: ['hub'],
    to: ['population', 'civil-registry', 'social-security'],
  },
  // Distributed mode: an agency process's officer acts, for the audit trail in the hub's database (platform/audit/outbox-audit.ts).
  'audit.recorded': { schema: audit.AuditRecorded, from: ['population', 'civil-registry', 'social-security', 'health'], to: ['hub'] },
  // Distributed mode: a version social security's operator added to its rule tables, for the hub's edge checks (hub/rule-versions.ts).
  'social-security.rule-version.added': { schema: rules.RuleVersionAdded, from: ['social-security'], to: ['hub'] },
} as const satisfies Record<string, MessageSpec>;

export type MessageType = keyof typeof MESSAGE_TYPES;
export type PayloadOf<T extends MessageType> = Static<(typeof MESSAGE_TYPES)[T]['schema']>;

const compiled = new Map<string, ReturnType<typeof Compile>>();

/** Why a message cannot be accepted as the named type from this sender to this recipient, or null. */
export function checkMessage(type: string, sender: PartName, recipient: PartName, payload: unknown): string | null {
  const spec = (MESSAGE_TYPES as Record<string, MessageSpec>)[type];
  if (!spec) return `unknown message type ${type}`;
  if (!spec.from.includes(sender)) return `${sender} may not send ${type}`;
  if (!spec.to.includes(recipient)) return `${recipient} may not receive ${type}`;
  let c = compiled.get(type);
  if (!c) compiled.set(type, (c = Compile(closedSchema(spec.schema))));
  if (c.Check(payload)) return null;
  const first = [...c.Errors(payload)][0];
  return `payload of ${type} invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'}`;
}
