import Type, { type Static } from 'typebox';
import { IsoDateSchema } from '../common.ts';

/** The columns a bank statement must have, by header name (any order; other columns are ignored). */
export const BANK_STATEMENT_COLUMNS = ['transaction_id', 'value_date', 'amount_vnd', 'payer_account', 'payer_name', 'description'] as const;

/**
 * `lienthong import bank-statement FILE.csv`: one credit to VSS's collection account per record, as the bank's
 * statement export gives it (docs/import-formats.md). The payment reference is read from `description`.
 * CSV gives text: the amount is whole VND in digits only (no separators), a credit, so positive.
 */
export const BankStatementLine = Type.Object(
  {
    /** The bank's id of the transaction: a statement imported twice, or two overlapping statements, count it once. */
    transaction_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._/:-]+$' }),
    /** The day the bank credited the account: it decides whether the payment was in time. */
    value_date: IsoDateSchema,
    amount_vnd: Type.String({ pattern: '^[1-9]\\d{0,14}$', description: 'whole VND, digits only' }),
    payer_account: Type.String({ maxLength: 40 }),
    payer_name: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type BankStatementLine = Static<typeof BankStatementLine>;
