import Type, { type Static } from 'typebox';
import { IsoDateSchema } from '../common.ts';

/** The categories of the certified lists (Decree 07/2021/ND-CP art. 3; Decision 24/2021/QD-TTg). */
export const POOR_HOUSEHOLD_CATEGORIES = ['poor', 'near-poor'] as const;
export type PoorHouseholdCategory = (typeof POOR_HOUSEHOLD_CATEGORIES)[number];

/**
 * `lienthong import poor-households FILE.jsonl`: one household of a commune's certified list of poor and near-poor
 * households per line, as social security receives it from the labour authority (the list is reviewed every year).
 * `householdId` is the household's id in the population register, so a participant's household, as the register
 * reports it, is looked up in the list. Documented in docs/voluntary-si.md.
 */
export const PoorHouseholdRecord = Type.Object(
  {
    householdId: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    category: Type.Enum(POOR_HOUSEHOLD_CATEGORIES),
    /** The period the listing holds for, both days included (usually a calendar year). */
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema,
    /** The decision that certified the list, e.g. "QĐ 123/QĐ-UBND ngày 15/12/2024". */
    decision: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PoorHouseholdRecord = Static<typeof PoorHouseholdRecord>;
