import Type, { type Static } from 'typebox';
import { IsoDateSchema, PinSchema } from '../common.ts';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

/**
 * `lienthong import si-records FILE.jsonl`: a person's social-insurance record as VSS holds it,
 * one per line. Documented in docs/import-formats.md.
 */
export const SiRecord = Type.Object(
  {
    pin: PinSchema,
    siCode: Type.String({ pattern: '^\\d{10}$' }),
    /** The family's household in VSS's household database, if the person is in one (seed 003 step 3). */
    familyHouseholdId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
    periods: Type.Array(
      Type.Object(
        {
          from: Month,
          to: Month,
          scheme: Type.Union([Type.Literal('compulsory'), Type.Literal('voluntary')]),
          monthlySalary: Type.Integer({ minimum: 0, description: 'insured salary or declared income, VND' }),
        },
        { additionalProperties: false },
      ),
    ),
    pension: Type.Union([
      Type.Object(
        {
          monthlyAmount: Type.Integer({ minimum: 1 }),
          since: IsoDateSchema,
          kind: Type.Optional(Type.Union([Type.Literal('pension'), Type.Literal('monthly-allowance'), Type.Literal('occupational-allowance')])),
          incapacityPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    reserved: Type.Boolean({ description: 'contributions reserved (stopped contributing, no lump sum taken)' }),
    awaitingPensionAge: Type.Boolean(),
    lumpSumTaken: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SiRecord = Static<typeof SiRecord>;
