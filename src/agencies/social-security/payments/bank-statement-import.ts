import { basename } from 'node:path';
import { BANK_STATEMENT_COLUMNS, BankStatementLine } from '../../../contracts/imports/bank-statement.ts';
import { compareDates, vnDateOf, type IsoDate } from '../../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../../kernel/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { CsvImportTarget } from '../../../platform/import/csv-import.ts';
import type { Outcome } from '../../../platform/import/jsonl-import.ts';
import { validate } from '../../../platform/validation.ts';
import { maskAccount, type ExceptionKind } from '../domain/voluntary-payment-matching.ts';
import { VSS_COLLECTION_ACCOUNT, type CollectionAccount } from '../voluntary-collection-account.ts';
import { receive } from './reconcile.ts';

export type StatementTally = Record<'matched' | ExceptionKind, number>;

/**
 * `lienthong import bank-statement FILE.csv`: the credits to VSS's collection account, reconciled by the centralised
 * accounting's matching rule (domain/voluntary-payment-matching.ts). Idempotent by the bank's transaction id: importing
 * the same statement again changes nothing ('unchanged'); a known transaction id with other content is a bad line.
 * A payment that settles its due gets its voucher here; the hub hears of it from social security's sweep.
 * `tally` counts what the new lines came to, for the summary.
 */
export function bankStatementImport(clock: Clock, file: string, account: CollectionAccount = VSS_COLLECTION_ACCOUNT): CsvImportTarget<BankStatementLine> & { readonly tally: StatementTally } {
  const tally: StatementTally = { matched: 0, partial: 0, overpaid: 0, duplicate: 0, late: 0, unmatched: 0 };
  const source = `statement:${basename(file)}`;
  return {
    name: 'bank-statement',
    columns: BANK_STATEMENT_COLUMNS,
    tally,
    check(value): { record: BankStatementLine } | { errors: FieldError[] } {
      const errors = validate(BankStatementLine, value, '');
      if (errors.length) return { errors };
      const r = value as BankStatementLine;
      if (!Number.isSafeInteger(Number(r.amount_vnd))) return { errors: [fieldError('amount_vnd', 'too-large', 'The amount is too large.', 'Số tiền quá lớn.')] };
      if (compareDates(r.value_date as IsoDate, vnDateOf(clock.now())) > 0)
        return { errors: [fieldError('value_date', 'future-date', 'The value date is in the future.', 'Ngày giá trị ở tương lai.')] };
      return { record: r };
    },
    async apply(tx, batch) {
      const out: (Outcome | FieldError[])[] = [];
      for (const r of batch) {
        const got = await receive(tx, clock.now(), {
          channel: 'bank-transfer',
          transactionId: r.transaction_id,
          valueDate: r.value_date as IsoDate,
          amount: Number(r.amount_vnd),
          payerName: r.payer_name || null,
          payerAccount: maskAccount(r.payer_account),
          description: r.description,
          source,
        }, account);
        if (got.status === 'conflict') {
          out.push([fieldError('transaction_id', 'conflict', 'This transaction id was imported before with other details.', 'Mã giao dịch này đã được nhập trước đó với thông tin khác.')]);
        } else if (got.status === 'unchanged') {
          out.push('unchanged');
        } else {
          tally[got.payment.outcome]++;
          out.push('inserted');
        }
      }
      return out;
    },
  };
}
