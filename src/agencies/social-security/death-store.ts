import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { DeathBenefitsResult, DeathDecisionEntry } from '../../contracts/death-results.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { SENSITIVE_MESSAGE_FIELDS } from '../../contracts/sensitive-fields.ts';
import { openPaths, sealPaths } from '../../platform/crypto/sealed-fields.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';

export type DeathBenefitsRequest = PayloadOf<'social-security.death-benefits.requested'>;

export interface DeathCaseRow {
  dossier_id: string;
  status: 'awaiting-supplement' | 'decided' | 'closed';
  request: DeathBenefitsRequest;
  supplement_fields: FieldIssue[];
  result: DeathBenefitsResult | null;
}

const REQUEST_FIELDS = SENSITIVE_MESSAGE_FIELDS['social-security.death-benefits.requested'] ?? [];

/** The case's sealed columns: the request's sensitive fields, the whole supplement answer (incapacity records). */
function sealer(box: SecretBox | undefined) {
  const aad = (dossierId: string) => `death-case:${dossierId}`;
  return {
    request: (r: DeathBenefitsRequest, id: string) => (box ? sealPaths(r, REQUEST_FIELDS, box, aad(id)) : r),
    openRequest: (r: DeathBenefitsRequest, id: string) => (box ? openPaths(r, REQUEST_FIELDS, box, aad(id)) : r),
    answers: (a: unknown, id: string) => (box ? sealPaths({ answers: a }, ['answers'], box, aad(id)) : { answers: a }),
    /** A bank account number, bound to the decision it pays under. */
    account: (n: string | null, decision: string) => (box && n !== null ? box.seal(n, `decision:${decision}`) : n),
  };
}

/**
 * VSS's death cases and the decisions taken on them, in schema `social_security`. Bank accounts and health details
 * are sealed at rest with `box` (contracts/sensitive-fields.ts); without one (unit tests) they are stored as given.
 */
export function deathStore(box?: SecretBox) {
  const seal = sealer(box);
  return {
  /** The deceased's SI record as imported (null when VSS holds none). */
  async siRecord(tx: Queryable, pin: string): Promise<SiRecord | null> {
    const [r] = await tx.query<{ si_code: string; family_household_id: string | null; periods: SiRecord['periods']; pension: SiRecord['pension']; reserved: boolean; awaiting_pension_age: boolean; lump_sum_taken: boolean }>(
      `SELECT si_code, family_household_id, periods, pension, reserved, awaiting_pension_age, lump_sum_taken FROM social_security.insured WHERE pin = $1`,
      [pin],
    );
    if (!r) return null;
    return { pin, siCode: r.si_code, familyHouseholdId: r.family_household_id, periods: r.periods, pension: r.pension, reserved: r.reserved, awaitingPensionAge: r.awaiting_pension_age, lumpSumTaken: r.lump_sum_taken };
  },

  async caseForDossier(tx: Queryable, dossierId: string, forUpdate = false): Promise<DeathCaseRow | undefined> {
    const [r] = await tx.query<DeathCaseRow>(
      `SELECT dossier_id, status, request, supplement_fields, result FROM social_security.death_cases WHERE dossier_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [dossierId],
    );
    return r && { ...r, request: seal.openRequest(r.request, dossierId) };
  },

  /** Another open or decided case on the same death, if any. */
  async otherCaseFor(tx: Queryable, pin: string, dossierId: string): Promise<boolean> {
    const r = await tx.query(`SELECT 1 FROM social_security.death_cases WHERE deceased_pin = $1 AND dossier_id <> $2 AND status <> 'closed'`, [pin, dossierId]);
    return r.length > 0;
  },

  /** Opens the case (or moves it on): a second open case on the same death fails on the unique index. */
  async saveCase(tx: Queryable, c: { request: DeathBenefitsRequest; dossierId: string; status: DeathCaseRow['status']; fields?: FieldIssue[]; answers?: unknown; result?: DeathBenefitsResult; at: string }) {
    await tx.query(
      `INSERT INTO social_security.death_cases AS t (dossier_id, deceased_pin, status, request, supplement_fields, supplement_answers, received_on, settlement_deadline, decided_on, result, updated_at)
       VALUES ($1, $2, $3, $4, COALESCE($5::jsonb, '[]'), $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dossier_id) DO UPDATE SET status = EXCLUDED.status, supplement_fields = COALESCE($5::jsonb, t.supplement_fields),
         supplement_answers = COALESCE(EXCLUDED.supplement_answers, t.supplement_answers), decided_on = EXCLUDED.decided_on, result = EXCLUDED.result, updated_at = EXCLUDED.updated_at`,
      [
        c.dossierId, c.request.deceased.pin, c.status, JSON.stringify(seal.request(c.request, c.dossierId)), c.fields ? JSON.stringify(c.fields) : null,
        c.answers === undefined ? null : JSON.stringify(seal.answers(c.answers, c.dossierId)), c.request.receivedOn, c.request.deadline,
        c.result?.decidedOn ?? null, c.result ? JSON.stringify(c.result) : null, c.at,
      ],
    );
  },

  /** The next number in a province's book of decisions for a year. */
  async nextDecisionNumber(tx: Queryable, book: string): Promise<number> {
    const [r] = await tx.query<{ last_number: number }>(
      `INSERT INTO social_security.decision_books (book, last_number) VALUES ($1, 1)
       ON CONFLICT (book) DO UPDATE SET last_number = social_security.decision_books.last_number + 1 RETURNING last_number`,
      [book],
    );
    return Number(r!.last_number);
  },

  async insertDecision(tx: Queryable, dossierId: string, pin: string, d: DeathDecisionEntry, payee: DeathBenefitsResult['payee'], on: string) {
    await tx.query(
      `INSERT INTO social_security.benefit_decisions (decision_number, dossier_id, deceased_pin, benefit, kind, amount, monthly_amount, from_month, eligibility_case,
         rule_version, legal_basis, explanation, per_relative, payee_pin, bank_bin, account_number, decided_on, verification_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        d.decisionNumber, dossierId, pin, d.benefit, d.kind, d.amount, d.monthlyAmount, d.fromMonth, d.eligibilityCase, d.ruleVersion, d.legalBasis,
        JSON.stringify(d.explanation), d.perRelative ? JSON.stringify(d.perRelative) : null, payee?.pin ?? null, payee?.bankBin ?? null, seal.account(payee?.accountNumber ?? null, d.decisionNumber), on, d.verificationCode,
      ],
    );
  },

  /** The HI card VSS issued here to the person (a child's TE1 card), if any, locked for its end on the death. */
  async hiCardOf(tx: Queryable, pin: string): Promise<{ cardNumber: string; validFrom: string; validTo: string; endedOn: string | null } | undefined> {
    const [r] = await tx.query<{ cardNumber: string; validFrom: string; validTo: string; endedOn: string | null }>(
      `SELECT card_number AS "cardNumber", valid_from::text AS "validFrom", valid_to::text AS "validTo", ended_on::text AS "endedOn"
       FROM social_security.hi_cards WHERE pin = $1 FOR UPDATE`,
      [pin],
    );
    return r;
  },

  /** The card ends after `lastValidDay` (hi-card-end.ts); a card already ended keeps its end. */
  async endHiCard(tx: Queryable, cardNumber: string, lastValidDay: string) {
    await tx.query('UPDATE social_security.hi_cards SET ended_on = $2 WHERE card_number = $1 AND ended_on IS NULL', [cardNumber, lastValidDay]);
  },

  /** Monthly payments stop from `fromMonth`; the deceased's HI card ends on `hiCardEndsOn` (if VSS issued it here). */
  async stopPayments(tx: Queryable, s: { pin: string; dossierId: string; pensionKind: string; monthlyAmount: number; fromMonth: string; hiCardEndsOn: string; decisionNumber: string; on: string }) {
    await tx.query(
      `INSERT INTO social_security.payment_stops (pin, dossier_id, pension_kind, monthly_amount, from_month, hi_card_ends_on, decision_number, decided_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.pin, s.dossierId, s.pensionKind, s.monthlyAmount, s.fromMonth, s.hiCardEndsOn, s.decisionNumber, s.on],
    );
    await tx.query('UPDATE social_security.hi_cards SET ended_on = $2 WHERE pin = $1 AND ended_on IS NULL', [s.pin, s.hiCardEndsOn]);
  },
  };
}

export type DeathStore = ReturnType<typeof deathStore>;
