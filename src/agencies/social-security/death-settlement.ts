import type { IncapacityProof } from '../../contracts/declarations/death.ts';
import type { DeathBenefitsResult, DeathDecisionEntry } from '../../contracts/death-results.ts';
import { parts, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { maskedAccount, paysMoney, summaryOf } from './death-result.ts';
import type { DeathBenefitsRequest, DeathStore } from './death-store.ts';
import { relativesForRules, ruleCause } from './domain/death-claim.ts';
import { checkFilingLimit, deathDecisions } from './domain/death-decisions.ts';
import { hiCardEndOnDeath } from './domain/hi-card-end.ts';
import { lateFilingDecisions } from './domain/late-filing.ts';
import { loadRuleBook } from './rules/store.ts';

/**
 * Decides every benefit on a death from the deceased's SI record, in one transaction: the decisions (each numbered
 * in the province's book of the year and given a verification code), the stop of monthly payments and the end of
 * the deceased's HI card, then `procedure.completed` with the decisions as the result (DOMAIN.md §3–4; seed 000).
 * The request's `requests` are what the relatives asked for; a claim after the 90-day limit is not settled
 * (late-filing.ts). Settled the day the file is complete, within the 15 days of Law on SI 2014 art. 112.
 */
export async function settleDeath(store: DeathStore, tx: Queryable, ctx: HandlerContext, dossierId: string, r: DeathBenefitsRequest, proofs: ReadonlyMap<number, IncapacityProof>, answers?: unknown): Promise<void> {
  const dateOfDeath = r.deceased.dateOfDeath as IsoDate;
  const record = await store.siRecord(tx, r.deceased.pin);
  const filing = checkFilingLimit(dateOfDeath, r.receivedOn as IsoDate);
  const late = lateFilingDecisions(r.requests, filing);
  // The rule book as it stands now (rules/store.ts), with any version an operator added: each decision records its ids.
  const rules = (await loadRuleBook(tx)).book;
  const decided = deathDecisions({
    record,
    dateOfBirth: r.deceased.dateOfBirth as IsoDate,
    dateOfDeath,
    cause: ruleCause(r.deceased.cause),
    requests: filing.withinLimit ? r.requests : { funeralAllowance: false, survivorBenefit: 'none' },
    relatives: relativesForRules(r.relatives, dateOfDeath, proofs),
  }, rules);
  const today = vnDateOf(ctx.now);
  const book = `${r.certificate.registeringCommune.provinceCode}/${parts(today).year}`;
  const decisions: DeathDecisionEntry[] = [];
  for (const d of [...late.funeral, ...decided, ...late.survivor]) {
    const n = await store.nextDecisionNumber(tx, book);
    decisions.push({ ...d, decisionNumber: `${book}/QD-${String(n).padStart(6, '0')}`, verificationCode: verificationCode() });
  }
  // The deceased's own card issued here (a child's TE1 card) ends with the death (hi-card-end.ts); a pensioner's
  // ends with the stop of the pension below, at the end of the month of death.
  const stop = decisions.find((d) => d.kind === 'stop-monthly-payments' && d.hiCardEndsOn);
  const held = stop ? undefined : await store.hiCardOf(tx, r.deceased.pin);
  const cardEnd = held ? hiCardEndOnDeath({ ...held, validFrom: held.validFrom as IsoDate, validTo: held.validTo as IsoDate, endedOn: held.endedOn as IsoDate | null }, dateOfDeath) : null;
  const payee = r.payee && paysMoney(decisions) ? { pin: r.payee.pin, ...r.payee.bankAccount } : null;
  // The result travels to the hub and the citizen's view: it names the account by its last digits only; VSS
  // keeps the full number, sealed, with the decision it pays under (data minimisation, Decree 13/2023/ND-CP art. 3).
  const shown = payee && { ...payee, accountNumber: maskedAccount(payee.accountNumber) };
  const summary = summaryOf(decisions);
  const result: DeathBenefitsResult = {
    decisions, decidedOn: today, settlementDeadline: r.deadline, payee: shown,
    summary: cardEnd && decisions.length === 0 ? cardEnd.explanation : cardEnd ? { en: `${summary.en} ${cardEnd.explanation.en}`, vi: `${summary.vi} ${cardEnd.explanation.vi}` } : summary,
    ...(cardEnd ? { hiCard: cardEnd } : {}),
  };
  if (cardEnd) await store.endHiCard(tx, cardEnd.cardNumber, cardEnd.lastValidDay);
  await store.saveCase(tx, { request: r, dossierId, status: 'decided', result, at: ctx.now.toISOString(), ...(answers === undefined ? {} : { answers }) });
  for (const d of decisions) {
    await store.insertDecision(tx, dossierId, r.deceased.pin, d, payee, today);
    if (d.kind === 'stop-monthly-payments' && record?.pension && d.fromMonth && d.hiCardEndsOn)
      await store.stopPayments(tx, {
        pin: r.deceased.pin, dossierId, pensionKind: d.eligibilityCase ?? 'pension', monthlyAmount: record.pension.monthlyAmount,
        fromMonth: d.fromMonth, hiCardEndsOn: d.hiCardEndsOn, decisionNumber: d.decisionNumber, on: today,
      });
  }
  await ctx.send('procedure.completed', 'hub', { procedure: r.procedure, result });
}
