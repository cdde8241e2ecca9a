import Type, { type Static } from 'typebox';
import { AddressSchema, IsoDateSchema, PinSchema } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Bilingual = Type.Object({ en: Type.String(), vi: Type.String() });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

/** The death-certificate extract ("trích lục khai tử", Law on Civil Status 2014 art. 34). */
export const DeathRegistrationResult = Type.Object({
  deceasedPin: PinSchema,
  dateOfDeath: IsoDateSchema,
  certificateNumber: Type.String(),
  book: Type.String(),
  registeredOn: IsoDateSchema,
  registeringCommune: AddressSchema,
  /** Registered more than 15 days after the death (Law on Civil Status 2014 art. 33): accepted, and recorded. */
  lateRegistration: Type.Boolean(),
  verificationCode: Type.String(),
  /** The health facility's death notice that corroborated the death, when the declaration cited one (its code and number). */
  medicalNotice: Type.Optional(Type.Object({ facility: Type.String(), number: Type.String() })),
});
export type DeathRegistrationResult = Static<typeof DeathRegistrationResult>;

/** Permanent residence deleted (Law on Residence 2020 art. 24.1.a). */
export const ResidenceDeregistrationResult = Type.Object({
  householdId: Type.String(),
  deregisteredOn: IsoDateSchema,
  /** The deceased headed the household: it is flagged until the members name a new head. */
  householdNeedsNewHead: Type.Boolean(),
  verificationCode: Type.String(),
});
export type ResidenceDeregistrationResult = Static<typeof ResidenceDeregistrationResult>;

/** What VSS decides on a death; one list, the decision's fields derive from it. */
export const DEATH_DECISION_KINDS = ['funeral-allowance', 'stop-monthly-payments', 'survivor-monthly', 'survivor-lump-sum', 'not-eligible'] as const;
export const DEATH_BENEFITS = ['funeral-allowance', 'stop-monthly-payments', 'survivor-benefit'] as const;

/** One VSS decision, with the facts and rule that gave its numbers (DOMAIN.md §3–4). Money in whole VND. */
export const DeathDecisionSchema = Type.Object({
  kind: Type.Enum(DEATH_DECISION_KINDS),
  /** Which benefit the entry decides (tells the 'not-eligible' entries apart). */
  benefit: Type.Enum(DEATH_BENEFITS),
  amount: Nullable(Type.Integer()),
  monthlyAmount: Nullable(Type.Integer()),
  fromMonth: Nullable(Month),
  eligibilityCase: Nullable(Type.String()),
  ruleVersion: Type.String(),
  legalBasis: Type.String(),
  explanation: Bilingual,
  perRelative: Nullable(
    Type.Array(
      Type.Object({
        pin: PinSchema,
        relationship: Type.String(),
        status: Type.String(),
        ratePercent: Nullable(Type.Integer()),
        monthlyAmount: Nullable(Type.Integer()),
        reason: Nullable(Type.String()),
      }),
    ),
  ),
  hiCardEndsOn: Nullable(IsoDateSchema),
  /** VSS's number of the decision, and the code by which anyone can check it (DOMAIN.md §7). */
  decisionNumber: Type.String(),
  verificationCode: Type.String(),
});
export type DeathDecisionEntry = Static<typeof DeathDecisionSchema>;

export const DeathBenefitsResult = Type.Object({
  decisions: Type.Array(DeathDecisionSchema),
  decidedOn: IsoDateSchema,
  /** 15 days from the complete file (Law on SI 2014 art. 112); met when decidedOn ≤ it. */
  settlementDeadline: IsoDateSchema,
  /** Where the one-off and monthly amounts are paid; null when nothing is paid. */
  payee: Nullable(Type.Object({ pin: PinSchema, bankBin: Type.String(), accountNumber: Type.String() })),
  summary: Bilingual,
  /**
   * The deceased's HI card VSS issued here (a child's TE1 card, birth group) and ended on the death: it covers the
   * day of death, no later (agencies/social-security/domain/hi-card-end.ts). Absent when there was none to end.
   */
  hiCard: Type.Optional(Type.Object({ cardNumber: Type.String(), lastValidDay: IsoDateSchema, legalBasis: Type.String(), explanation: Bilingual })),
});
export type DeathBenefitsResult = Static<typeof DeathBenefitsResult>;
