import Type, { type Static } from 'typebox';
import { PinSchema } from '../common.ts';
import { ContactSchema } from './contact.ts';

/**
 * How a voluntary participant pays (Law on SI 2014 art. 87.2; Decree 134/2015/ND-CP art. 9; DOMAIN.md §5):
 * monthly, every 3, 6 or 12 months, several years in advance, or once for the missing period needed for a pension.
 * The same list as social security's rules (`PAYMENT_METHODS`, checked equal there at compile time).
 */
export const VOLUNTARY_PAYMENT_METHODS = ['monthly', '3-months', '6-months', '12-months', 'advance-years', 'missing-period'] as const;
export type VoluntaryPaymentMethod = (typeof VOLUNTARY_PAYMENT_METHODS)[number];

/** The group a participant claims for the state support (Decree 134/2015 art. 14; Decree 159/2025). */
export const VOLUNTARY_SUPPORT_GROUPS = ['poor', 'near-poor', 'ethnic-minority', 'island-commune', 'other'] as const;
export type VoluntarySupportGroup = (typeof VOLUNTARY_SUPPORT_GROUPS)[number];

/** Advance payment: 1 to 5 whole years (Decree 134/2015 art. 9). */
export const MAX_ADVANCE_YEARS = 5;
/** A missing period paid at once: at most 10 years (the most a pension can lack; Law on SI 2024 art. 36 — unconfirmed cap). */
export const MAX_MISSING_MONTHS = 120;

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

/**
 * Registration for voluntary social insurance (online service 602e; VSS Decision 49/QD-BHXH 2023; seed 004):
 * the participant, the monthly income they choose to contribute on, how they pay, from which month, and the
 * group they claim state support for (checked by social security: poor and near-poor against the households
 * list, ethnic minority against the population register).
 */
export const VoluntarySiDeclaration = Type.Object(
  {
    participant: Type.Object(
      {
        pin: PinSchema,
        phone: Type.String({ pattern: '^\\+?[0-9]{9,15}$', description: 'for payment reminders' }),
        email: Type.String({ format: 'email', maxLength: 254 }),
      },
      { additionalProperties: false },
    ),
    monthlyIncome: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'chosen monthly income, VND' }),
    paymentMethod: Type.Enum(VOLUNTARY_PAYMENT_METHODS),
    /** Required for 'advance-years' (1–5), not allowed otherwise. */
    years: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ADVANCE_YEARS })),
    /** Required for 'missing-period', not allowed otherwise: the months from `startMonth` paid at once. */
    missingMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_MISSING_MONTHS })),
    /** First month paid ('missing-period': the first missing month). */
    startMonth: Month,
    supportGroup: Type.Enum(VOLUNTARY_SUPPORT_GROUPS),
    /** Who is told of the outcome, and how (optional; notifications, docs/notifications.md). */
    contact: Type.Optional(ContactSchema),
  },
  { additionalProperties: false },
);
export type VoluntarySiDeclaration = Static<typeof VoluntarySiDeclaration>;
