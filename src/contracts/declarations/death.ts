import Type, { type Static } from 'typebox';
import { FullNameSchema, IsoDateSchema, PinSchema } from '../common.ts';
import { ContactSchema } from './contact.ts';

/** Who registers a death: the spouse, a child, a parent or another relative (Law on Civil Status 2014 art. 33.1). */
export const DEATH_DECLARANT_RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'relative'] as const;

/**
 * The cause as the relatives declare it. The survivor-benefit rules only tell an occupational death apart
 * (Law on SI 2014 art. 66.1, 67.1): social security reads 'illness' as 'other'.
 */
export const DEATH_CAUSES = ['illness', 'occupational-accident', 'occupational-disease', 'other'] as const;
export type DeclaredDeathCause = (typeof DEATH_CAUSES)[number];

/** A relative of the deceased, as the survivor-benefit rules know them (Law on SI 2014 art. 67.2; 2024 art. 86). */
export const RELATIVE_RELATIONSHIPS = ['child', 'spouse', 'father', 'mother', 'father-in-law', 'mother-in-law', 'dependant'] as const;
export type RelativeRelationship = (typeof RELATIVE_RELATIONSHIPS)[number];

export const SURVIVOR_BENEFIT_CHOICES = ['monthly', 'lump-sum', 'none'] as const;
export type SurvivorBenefitChoice = (typeof SURVIVOR_BENEFIT_CHOICES)[number];

/** Where money is paid: a bank account (the beneficiary bank's 6-digit BIN, as in VietQR, and the account number). */
export const BankAccountSchema = Type.Object(
  {
    bankBin: Type.String({ pattern: '^\\d{6}$', description: "beneficiary bank's BIN, e.g. 970436" }),
    accountNumber: Type.String({ pattern: '^[0-9A-Za-z]{1,19}$' }),
  },
  { additionalProperties: false },
);

/** At most this many relatives are declared (4 can be paid monthly; the others are listed as not paid). */
export const MAX_DECLARED_RELATIVES = 10;

export const DeclaredRelative = Type.Object(
  {
    pin: PinSchema,
    relationship: Type.Enum(RELATIVE_RELATIONSHIPS),
    /** false → 70% instead of 50% of the base salary (Law on SI 2014 art. 68.2). */
    hasDirectCaretaker: Type.Boolean(),
    /** Assessed loss of working capacity, 0–100; ≥ 81 qualifies at any age, with the assessment record as proof. */
    incapacityPercent: Type.Integer({ minimum: 0, maximum: 100 }),
    /** Monthly income, VND; omitted = none (spouses and parents: below the base salary, Law on SI 2014 art. 67.2). */
    monthlyIncome: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type DeclaredRelative = Static<typeof DeclaredRelative>;

/**
 * The combined death declaration (Decree 63/2024/ND-CP; VSS Decision 706/QD-BHXH 2023; seed 000): one form for
 * death registration, deregistration of permanent residence, and the funeral allowance and survivor benefits.
 * The relatives choose which linked procedures they want in `requests`; the others are not started.
 */
export const DeathDeclaration = Type.Object(
  {
    declarant: Type.Object({ pin: PinSchema, relationship: Type.Enum(DEATH_DECLARANT_RELATIONSHIPS) }, { additionalProperties: false }),
    deceased: Type.Object(
      {
        pin: PinSchema,
        fullName: Type.Optional(FullNameSchema),
        dateOfDeath: IsoDateSchema,
        placeOfDeath: Type.String({ minLength: 1, maxLength: 200, description: 'health facility or address' }),
        cause: Type.Enum(DEATH_CAUSES),
        /**
         * The id of the death notice the health facility sent (`POST /api/v1/agencies/health/death-notices`), when the
         * person died there. It stands for the paper notice (Law on Civil Status 2014 art. 34.1): the civil registry
         * checks it names the deceased and the same date of death.
         */
        deathNoticeId: Type.Optional(Type.String({ format: 'uuid', description: "the health facility's death notice id" })),
      },
      { additionalProperties: false },
    ),
    requests: Type.Object(
      {
        residenceDeregistration: Type.Boolean(),
        funeralAllowance: Type.Boolean(),
        survivorBenefit: Type.Enum(SURVIVOR_BENEFIT_CHOICES),
      },
      { additionalProperties: false },
    ),
    relatives: Type.Array(DeclaredRelative, { maxItems: MAX_DECLARED_RELATIVES }),
    /** Who receives the money: the declarant or a declared relative (form 09-HSB). Required when a benefit is asked. */
    payee: Type.Optional(Type.Object({ pin: PinSchema, bankAccount: BankAccountSchema }, { additionalProperties: false })),
    /** Who is told of the outcome, and how (optional; notifications, docs/notifications.md). */
    contact: Type.Optional(ContactSchema),
  },
  { additionalProperties: false },
);
export type DeathDeclaration = Static<typeof DeathDeclaration>;

/**
 * The answer to social security's supplement request for a relative declared with ≥ 81% incapacity
 * (field `declaration.relatives.N.incapacityPercent`): the medical assessment council's record
 * ("biên bản giám định mức suy giảm khả năng lao động", Law on SI 2014 art. 111). The percentage assessed wins.
 */
export const IncapacityProof = Type.Object(
  {
    assessmentNumber: Type.String({ minLength: 1, maxLength: 50 }),
    assessedOn: IsoDateSchema,
    incapacityPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type IncapacityProof = Static<typeof IncapacityProof>;
