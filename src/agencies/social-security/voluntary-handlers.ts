import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import { ISLAND_COMMUNE_PROOF_PATH, IslandCommuneProof } from '../../contracts/declarations/island-commune-proof.ts';
import { VOLUNTARY_PAYMENT_METHODS, VOLUNTARY_SUPPORT_GROUPS } from '../../contracts/declarations/voluntary-si.ts';
import type { VoluntarySiRegistrationResult } from '../../contracts/voluntary-si-results.ts';
import { vnDateOf, type IsoDate, type IsoMonth } from '../../kernel/dates.ts';
import { dueAfterProof } from './domain/due-after-proof.ts';
import { isProvinceCode2, isProvinceCode3, provinceCode2, type ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { makeSiCode } from '../../kernel/identifiers/si-code.ts';
import { TerminalError } from '../../platform/bus/transport.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext, HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { validate } from '../../platform/validation.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { voluntaryContribution, type PaymentMethod, type PaymentPlan } from './domain/voluntary-contribution.ts';
import type { RuleBook } from '../../kernel/rules/rule-book.ts';
import { loadRuleBook } from './rules/store.ts';
import { checkSupportClaim, monthsAlreadySupported } from './domain/voluntary-support-claim.ts';
import { invalidIslandCommuneProof, islandCommuneProofProblem, islandCommuneProofRequest } from './domain/island-commune-proof.ts';
import type { SupportGroup } from './domain/voluntary-support.ts';
import { vietQrPayload } from './domain/vietqr.ts';
import { socialSecurityStore } from './store.ts';
import { paymentReference, VSS_COLLECTION_ACCOUNT, type CollectionAccount } from './voluntary-collection-account.ts';
import { paymentStore, periodColumnsOf } from './payments/store.ts';
import { voluntaryStore as store, type VoluntaryRegistrationRow } from './voluntary-store.ts';

type Request = PayloadOf<'social-security.voluntary-si.requested'>;
export const PROCEDURE = 'voluntary-si-registration';

// The contract's vocabularies are the rules' own: a difference is a compile error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _methods: Same<(typeof VOLUNTARY_PAYMENT_METHODS)[number], PaymentMethod> = true;
const _groups: Same<(typeof VOLUNTARY_SUPPORT_GROUPS)[number], SupportGroup> = true;
void _methods, _groups;

/**
 * Voluntary SI registration (online service 602e; Decision 49/QD-BHXH 2023; seed 004): identity already confirmed by
 * the population register (the hub's verification step) → the support claim checked (an island-commune claim is first
 * proven by the participant: a supplement, `voluntarySiSupplementHandlers`) → the SI code reused or issued →
 * the contribution due for the chosen method (domain/voluntary-contribution.ts) → a payment reference and VietQR.
 * The procedure then waits for the payment (`procedure.awaiting-payment`, with the amount due and the QR); VSS's
 * centralised accounting reconciles it (payments/), and the voucher completes the procedure — or the deadline passes
 * unpaid and the sweep refuses it (payments/sweep.ts; docs/voluntary-si.md).
 */
export function voluntarySiHandlers(account: CollectionAccount = VSS_COLLECTION_ACCOUNT): HandlerTable {
  return {
    async 'social-security.voluntary-si.requested'(tx, env, ctx) {
      const r = env.payload as Request;
      const done = await store.registrationForDossier(tx, env.dossierId);
      if (done) return void (await replyFor(ctx, done));
      // Asked for proof already (waiting, or its answer acted on): a repeated request changes nothing.
      if (await store.supplementForDossier(tx, env.dossierId)) return;
      await register(tx, ctx, env.dossierId, r, account, null);
    },
  };
}

/**
 * The supplement path for an island-commune claim (domain/island-commune-proof.ts; the hub's path, the same for every
 * group): the participant's answer is checked and the registration resumes with it as the claim's evidence — or the
 * proof is asked again, saying what was wrong; unanswered after 7 working days (Decree 63/2024/ND-CP) the hub refuses
 * the procedure and the waiting request is closed. Routed here by procedure (index.ts).
 */
export function voluntarySiSupplementHandlers(account: CollectionAccount = VSS_COLLECTION_ACCOUNT): HandlerTable {
  return {
    async 'procedure.supplement-provided'(tx, env, ctx) {
      const { procedure, answers } = env.payload as PayloadOf<'procedure.supplement-provided'>;
      if (procedure !== PROCEDURE) throw new TerminalError(`not a voluntary SI supplement: ${procedure}`);
      const s = await store.supplementForDossier(tx, env.dossierId, true);
      if (s?.status !== 'awaiting-supplement') return; // answered already: a repeat changes nothing
      const at = ctx.now.toISOString();
      const answer = answers[ISLAND_COMMUNE_PROOF_PATH];
      const errors = validate(IslandCommuneProof, answer, '');
      const problems = errors.length
        ? errors.map((e) => ({ reason: `${e.path || 'answer'}: ${e.reason}`, reasonVi: `${e.path || 'answer'}: ${e.reasonVi}` }))
        : [islandCommuneProofProblem(answer as IslandCommuneProof, vnDateOf(ctx.now))].filter((x) => x !== null);
      if (problems.length) {
        const fields = [invalidIslandCommuneProof(problems)];
        await store.askSupplement(tx, { dossierId: env.dossierId, request: s.request, fields, answers, at });
        return void (await ctx.send('procedure.supplement-requested', 'hub', { procedure: PROCEDURE, fields }));
      }
      await store.closeSupplement(tx, env.dossierId, { status: 'answered', answers, at });
      await register(tx, ctx, env.dossierId, s.request, account, { proof: answer as IslandCommuneProof, askedOn: vnDateOf(new Date(s.requested_at)) });
    },

    /** Unanswered in time: the hub has refused the procedure; the waiting request is closed (the citizen may register again). */
    async 'procedure.supplement-expired'(tx, env, ctx) {
      const s = await store.supplementForDossier(tx, env.dossierId, true);
      if (s?.status !== 'awaiting-supplement') return;
      await store.closeSupplement(tx, env.dossierId, { status: 'expired', at: ctx.now.toISOString() });
    },
  };
}

/**
 * The registration itself: refused on a field, waiting for the proof of an island-commune claim (when `proof` is
 * null), or registered and awaiting payment.
 */
async function register(
  tx: Queryable,
  ctx: HandlerContext,
  dossierId: string,
  r: Request,
  account: CollectionAccount,
  answered: { proof: IslandCommuneProof; askedOn: IsoDate } | null,
): Promise<void> {
  const proof = answered?.proof ?? null;
  const reject = (issues: FieldIssue[]) => ctx.send('procedure.rejected', 'hub', { procedure: PROCEDURE, reasons: issues });
  const today = vnDateOf(ctx.now);

  const pin = r.participant.pin;
  const history = await store.registrationsOf(tx, pin);
  const open = history.find((h) => h.status === 'awaiting-payment' || h.status === 'active');
  if (open)
    return void (await reject([{
      path: 'declaration.startMonth',
      code: 'already-registered',
      reason: open.status === 'active'
        ? `The participant already participates (registered for ${open.period_from}); the next periods fall due without a new registration.`
        : `A registration for ${open.period_from}–${open.period_to} (reference ${open.reference}) is already awaiting payment.`,
      reasonVi: open.status === 'active'
        ? `Người tham gia đang tham gia BHXH tự nguyện (đăng ký từ tháng ${open.period_from}); các kỳ đóng tiếp theo được tính mà không cần đăng ký lại.`
        : `Đã có đăng ký cho giai đoạn ${open.period_from}–${open.period_to} (mã thanh toán ${open.reference}) đang chờ đóng tiền.`,
    }]));

  const group = r.supportGroup as SupportGroup;
  const listings = r.participant.householdId ? await store.householdListings(tx, r.participant.householdId, today) : [];
  const claimProblem = checkSupportClaim(group, { listings, ethnicity: r.participant.ethnicity });
  if (claimProblem) return void (await reject([claimProblem]));

  const paidSupported = (await paymentStore.participationOf(tx, pin)).reduce((n, p) => n + p.supportedMonths, 0);
  // The rule book as it stands now, with any version an operator added (rules/store.ts); the result records its ids.
  const rules = (await loadRuleBook(tx)).book;
  const computed = contributionFor(r, group, monthsAlreadySupported(await store.voluntaryPeriods(tx, pin), paidSupported), rules);
  if (!computed.ok) return void (await reject([computed.issue]));
  // A deadline that passed while the proof was awaited is moved on by the wait (domain/due-after-proof.ts).
  const c = answered ? { ...computed.decision, dueBy: dueAfterProof(computed.decision.dueBy, answered.askedOn, today) } : computed.decision;

  // No list of island communes is held: the claim is proven by the commune's confirmation, asked of the
  // participant (Decree 159/2025/ND-CP; domain/island-commune-proof.ts) once the rest is known to check out.
  if (group === 'island-commune' && !proof) {
    const fields = [islandCommuneProofRequest()];
    await store.askSupplement(tx, { dossierId, request: r, fields, at: ctx.now.toISOString() });
    return void (await ctx.send('procedure.supplement-requested', 'hub', { procedure: PROCEDURE, fields }));
  }

  const residence = r.participant.address?.provinceCode ?? null;
  const { siCode, issued } = await siCodeFor(tx, pin, residence);
  const province = residence && isProvinceCode2(residence) ? residence : siCode.slice(0, 2);
  // Serials count every due of the participant (registrations and renewals): a reference is never reused.
  const reference = paymentReference(siCode, (await paymentStore.countDuesOf(tx, pin)) + 1);
  const payment = {
    reference,
    qrPayload: vietQrPayload({ bin: account.bankBin, accountNumber: account.accountNumber, amount: c.amountDue, reference }),
    bankBin: account.bankBin,
    accountNumber: account.accountNumber,
    accountName: account.accountName,
  };
  const result: VoluntarySiRegistrationResult = {
    siCode,
    siCodeIssued: issued,
    supportGroup: group,
    contribution: {
      monthlyIncome: c.monthlyIncome,
      monthlyContribution: c.monthlyContribution,
      monthlyStateSupport: c.monthlyStateSupport,
      months: c.months,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      amountDue: c.amountDue,
      dueBy: c.dueBy,
      ruleVersion: c.ruleVersion,
      legalBasis: c.legalBasis,
    },
    payment,
    registeredOn: today,
    verificationCode: verificationCode(),
  };
  await store.insertRegistration(tx, {
    dossier_id: dossierId,
    pin,
    si_code: siCode,
    reference,
    method: r.paymentMethod,
    support_group: group,
    ...periodColumnsOf(c),
    registered_on: today,
    decision: { ...c, supportGroupEvidence: { listings, ethnicity: r.participant.ethnicity ?? null, ...(proof ? { islandCommuneProof: proof } : {}) } },
    result,
    participant: { fullName: r.participant.fullName, dateOfBirth: r.participant.dateOfBirth, sex: r.participant.sex },
    province_code: province,
  });
  await paymentStore.insertDue(tx, {
    reference,
    dossier_id: dossierId,
    pin,
    si_code: siCode,
    kind: 'registration',
    method: r.paymentMethod,
    ...periodColumnsOf(c),
    province_code: province,
    rule_version: c.ruleVersion,
    legal_basis: c.legalBasis,
    payment: { qrPayload: payment.qrPayload, bankBin: payment.bankBin, accountNumber: payment.accountNumber, accountName: payment.accountName },
    created_on: today,
  });
  await ctx.send('procedure.awaiting-payment', 'hub', { procedure: PROCEDURE, payment: { amountDue: c.amountDue, dueBy: c.dueBy, reference }, result });
}

/** The reply a registration's state calls for: sent again as it stands when the request is delivered again. */
export async function replyFor(ctx: HandlerContext, reg: VoluntaryRegistrationRow): Promise<void> {
  switch (reg.status) {
    case 'awaiting-payment':
      await ctx.send('procedure.awaiting-payment', 'hub', {
        procedure: PROCEDURE,
        payment: { amountDue: reg.amount_due, dueBy: reg.due_by, reference: reg.reference },
        result: reg.result as VoluntarySiRegistrationResult,
      });
      return;
    case 'lapsed':
      await ctx.send('procedure.rejected', 'hub', { procedure: PROCEDURE, reasons: reg.reasons ?? [] });
      return;
    default: // active, or suspended after being active: the registration was completed by its voucher
      await ctx.send('procedure.completed', 'hub', { procedure: PROCEDURE, result: reg.result });
  }
}

/** The rules' decision, or the field problem (income out of bounds; a month before the rules' tables). */
function contributionFor(r: Request, group: SupportGroup, supported: number, rules: RuleBook) {
  const receivedOn = r.receivedOn as IsoDate;
  const plan: PaymentPlan =
    r.paymentMethod === 'advance-years'
      ? { method: 'advance-years', years: r.years ?? 0, registrationDate: receivedOn }
      : r.paymentMethod === 'missing-period'
        ? { method: 'missing-period', missingMonths: r.missingMonths ?? 0, registrationDate: receivedOn }
        : { method: r.paymentMethod };
  try {
    const out = voluntaryContribution({ monthlyIncome: r.monthlyIncome, supportGroups: [group], monthsAlreadySupported: supported, startMonth: r.startMonth as IsoMonth, plan, rules });
    if (!out.ok) return { ok: false as const, issue: { ...out.problem, path: 'declaration.monthlyIncome' } satisfies FieldIssue };
    return { ok: true as const, decision: out.decision };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return {
      ok: false as const,
      issue: {
        path: 'declaration.paymentMethod',
        code: 'outside-rules',
        reason: `The rules cannot compute this payment (${e.message}); register at the social security office.`,
        reasonVi: 'Hệ thống chưa tính được số tiền đóng cho phương thức này; vui lòng đăng ký trực tiếp tại cơ quan BHXH.',
      } satisfies FieldIssue,
    };
  }
}

/** The participant's SI code: the one VSS holds, or a new one in the province of residence (else of the PIN). */
async function siCodeFor(tx: Queryable, pin: string, residenceProvince: string | null): Promise<{ siCode: string; issued: boolean }> {
  const [known] = await socialSecurityStore.insured(tx, [pin]);
  if (known) return { siCode: known.si_code, issued: false };
  const province = provinceOf(pin, residenceProvince);
  for (let i = 0; i < 1000; i++) {
    const siCode = makeSiCode(province, await socialSecurityStore.nextSiSerial(tx, province));
    if (await store.insertInsured(tx, pin, siCode)) return { siCode, issued: true };
  }
  throw new Error(`no free SI code in province ${province}`);
}

function provinceOf(pin: string, residence: string | null): ProvinceCode2 {
  if (residence && isProvinceCode2(residence)) return residence;
  const code3 = pin.slice(0, 3);
  if (isProvinceCode3(code3)) return provinceCode2(code3);
  throw new Error(`no province for SI code of ${pin}`);
}
