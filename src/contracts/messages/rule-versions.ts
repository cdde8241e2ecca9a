import Type, { type Static } from 'typebox';
import { SUPPORT_GROUPS, type SupportGroup } from '../../kernel/rules/support-rates.ts';
import { IsoDateSchema } from '../common.ts';

/**
 * The bounds of a rule-table version as social security accepts it from its IT operator and sends it on
 * (agencies/social-security/rules/domain/new-version.ts reads them from here, so the message always admits what the
 * API admits). The amounts' bounds guard against a misplaced digit; they are not legal bounds (docs/back-office.md).
 */
export const RULE_VERSION_ID_PATTERN = '^[a-z0-9][a-z0-9.-]{2,79}$';
export const RULE_MONEY_MIN = 100_000;
export const RULE_MONEY_MAX = 100_000_000;
export const RULE_RATE_MAX_BP = 10_000;

const common = {
  /**
   * The order social security added its versions in (its row id): the hub merges them in this order, since at one
   * effective date the version added last supersedes the others (kernel/rules/rule-book.ts). Messages may arrive in
   * any order; the order they were added in is kept.
   */
  sequence: Type.Integer({ minimum: 1 }),
  version: Type.String({ pattern: RULE_VERSION_ID_PATTERN }),
  effectiveFrom: IsoDateSchema,
  legalBasis: Type.String({ minLength: 1, maxLength: 300 }),
  addedAt: Type.String({ format: 'date-time' }),
};

/**
 * social-security → hub (distributed mode): a version its national IT operator added to one of its effective-dated
 * rule tables (`POST /api/v1/agencies/social-security/rules/{table}/versions`), for the hub's copy of the book — the
 * edge check of a voluntary-SI income against its floor and ceiling, in the hub and the portal. Written to social
 * security's outbox in the transaction that stores the version, so it is never lost; sent again for every version
 * when social security's process starts (a hub that missed one converges). The hub keeps each version once, by its
 * id (hub/rule-versions.ts). No personal data: who added it and why stay with social security.
 *
 * One object per table's shape: a whole amount of VND per month, or the support groups' basis points.
 */
export const RuleVersionAdded = Type.Union([
  Type.Object({
    ...common,
    table: Type.Union([Type.Literal('base-salary'), Type.Literal('rural-poverty-line')]),
    value: Type.Integer({ minimum: RULE_MONEY_MIN, maximum: RULE_MONEY_MAX }),
  }),
  Type.Object({
    ...common,
    table: Type.Literal('support-rates'),
    value: Type.Object(Object.fromEntries(SUPPORT_GROUPS.map((g) => [g, Type.Integer({ minimum: 0, maximum: RULE_RATE_MAX_BP })])) as Record<SupportGroup, ReturnType<typeof Type.Integer>>),
  }),
]);
export type RuleVersionAdded = Static<typeof RuleVersionAdded>;
