import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import { VOLUNTARY_PAYMENT_METHODS, VOLUNTARY_SUPPORT_GROUPS } from '../../contracts/declarations/voluntary-si.ts';
import type { VoluntarySiRegistrationResult } from '../../contracts/voluntary-si-results.ts';
import { vnDateOf, type IsoDate, type IsoMonth } from '../../kernel/dates.ts';
import { isProvinceCode2, isProvinceCode3, provinceCode2, type ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { makeSiCode } from '../../kernel/identifiers/si-code.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { voluntaryContribution, type PaymentMethod, type PaymentPlan } from './domain/voluntary-contribution.ts';
import { checkSupportClaim, monthsAlreadySupported } from './domain/voluntary-support-claim.ts';
import type { SupportGroup } from './domain/voluntary-support.ts';
import { vietQrPayload } from './domain/vietqr.ts';
import { socialSecurityStore } from './store.ts';
import { paymentReference, VSS_COLLECTION_ACCOUNT, type CollectionAccount } from './voluntary-collection-account.ts';
import { voluntaryStore as store } from './voluntary-store.ts';

type Request = PayloadOf<'social-security.voluntary-si.requested'>;
const PROCEDURE = 'voluntary-si-registration';

// The contract's vocabularies are the rules' own: a difference is a compile error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _methods: Same<(typeof VOLUNTARY_PAYMENT_METHODS)[number], PaymentMethod> = true;
const _groups: Same<(typeof VOLUNTARY_SUPPORT_GROUPS)[number], SupportGroup> = true;
void _methods, _groups;

/**
 * Voluntary SI registration (online service 602e; Decision 49/QD-BHXH 2023; seed 004): identity already confirmed by
 * the population register (the hub's verification step) → the support claim checked → the SI code reused or issued →
 * the contribution due for the chosen method (domain/voluntary-contribution.ts) → a payment reference and VietQR.
 * The procedure completes here with the amount due; the registration waits for its payment in VSS's records
 * (status 'awaiting-payment'), reconciled later by the centralised accounting (docs/voluntary-si.md).
 */
export function voluntarySiHandlers(account: CollectionAccount = VSS_COLLECTION_ACCOUNT): HandlerTable {
  return {
    async 'social-security.voluntary-si.requested'(tx, env, ctx) {
      const r = env.payload as Request;
      const done = await store.registrationForDossier(tx, env.dossierId);
      if (done) return void (await ctx.send('procedure.completed', env.sender, { procedure: PROCEDURE, result: done.result }));
      const reject = (issues: FieldIssue[]) => ctx.send('procedure.rejected', env.sender, { procedure: PROCEDURE, reasons: issues });
      const today = vnDateOf(ctx.now);

      const pin = r.participant.pin;
      const history = await store.registrationsOf(tx, pin);
      const open = history.find((h) => h.status === 'awaiting-payment' || (h.status === 'paid' && h.period_to >= r.startMonth));
      if (open)
        return void (await reject([{
          path: 'declaration.startMonth',
          code: 'already-registered',
          reason: `A registration for ${open.period_from}–${open.period_to} (reference ${open.reference}) is already ${open.status === 'paid' ? 'paid' : 'awaiting payment'}.`,
          reasonVi: `Đã có đăng ký cho giai đoạn ${open.period_from}–${open.period_to} (mã thanh toán ${open.reference}) ${open.status === 'paid' ? 'đã đóng tiền' : 'đang chờ đóng tiền'}.`,
        }]));

      const group = r.supportGroup as SupportGroup;
      const listings = r.participant.householdId ? await store.householdListings(tx, r.participant.householdId, today) : [];
      const claimProblem = checkSupportClaim(group, { listings, ethnicity: r.participant.ethnicity });
      if (claimProblem) return void (await reject([claimProblem]));

      const paidSupported = history.filter((h) => h.status === 'paid').reduce((n, h) => n + h.supported_months, 0);
      const computed = contributionFor(r, group, monthsAlreadySupported(await store.voluntaryPeriods(tx, pin), paidSupported));
      if (!computed.ok) return void (await reject([computed.issue]));
      const c = computed.decision;

      const { siCode, issued } = await siCodeFor(tx, pin, r.participant.address?.provinceCode ?? null);
      const reference = paymentReference(siCode, history.length + 1);
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
        payment: {
          reference,
          qrPayload: vietQrPayload({ bin: account.bankBin, accountNumber: account.accountNumber, amount: c.amountDue, reference }),
          bankBin: account.bankBin,
          accountNumber: account.accountNumber,
          accountName: account.accountName,
        },
        registeredOn: today,
        verificationCode: verificationCode(),
      };
      await store.insertRegistration(tx, {
        dossier_id: env.dossierId,
        pin,
        si_code: siCode,
        reference,
        method: r.paymentMethod,
        monthly_income: c.monthlyIncome,
        support_group: group,
        period_from: c.periodFrom,
        period_to: c.periodTo,
        months: c.months,
        supported_months: c.supportedMonths,
        amount_due: c.amountDue,
        due_by: c.dueBy,
        registered_on: today,
        decision: { ...c, supportGroupEvidence: { listings, ethnicity: r.participant.ethnicity ?? null } },
        result,
      });
      await ctx.send('procedure.completed', env.sender, { procedure: PROCEDURE, result });
    },
  };
}

/** The rules' decision, or the field problem (income out of bounds; a month before the rules' tables). */
function contributionFor(r: Request, group: SupportGroup, supported: number) {
  const receivedOn = r.receivedOn as IsoDate;
  const plan: PaymentPlan =
    r.paymentMethod === 'advance-years'
      ? { method: 'advance-years', years: r.years ?? 0, registrationDate: receivedOn }
      : r.paymentMethod === 'missing-period'
        ? { method: 'missing-period', missingMonths: r.missingMonths ?? 0, registrationDate: receivedOn }
        : { method: r.paymentMethod };
  try {
    const out = voluntaryContribution({ monthlyIncome: r.monthlyIncome, supportGroups: [group], monthsAlreadySupported: supported, startMonth: r.startMonth as IsoMonth, plan });
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
