import type { IsoDate, IsoMonth } from '../kernel/dates.ts';
import { applyBasisPoints, formatVnd } from '../kernel/rules/voluntary-money.ts';
import { voluntaryIncomeBounds } from '../kernel/rules/voluntary-income.ts';
import { voluntaryLawAt } from '../kernel/rules/voluntary-law.ts';
import type { DeclarationForm, FormStep, FormValues } from './forms.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The first month the rule tables hold (Law on SI 2014 in force from 2016-01-01); the hub refuses earlier ones. */
const FIRST_MONTH = '2016-01';

/** The start month typed, when it is one the rules know; else the current month. */
function startMonthOf(values: FormValues, today: string): IsoMonth {
  const typed = values.startMonth ?? '';
  return (MONTH.test(typed) && typed >= FIRST_MONTH ? typed : today.slice(0, 7)) as IsoMonth;
}

/** The income typed, as whole dong, when it reads as one. */
function incomeOf(values: FormValues): number | null {
  const v = (values.monthlyIncome ?? '').trim();
  const digits = /^\d{1,3}([.,\s]\d{3})+$/.test(v) ? v.replace(/[.,\s]/g, '') : v;
  return /^\d{1,10}$/.test(digits) && Number(digits) > 0 ? Number(digits) : null;
}

/**
 * Registration for voluntary social insurance (online service 602e; VSS Decision 49/QD-BHXH 2023) as a form: the
 * participant's contact details, then the income, how and from when they pay, and the group they claim support for.
 * The choices are the declaration's enumerations (`contracts/declarations/voluntary-si.ts`).
 */
export const VOLUNTARY_STEPS: readonly FormStep[] = [
  {
    id: 'participant',
    title: 'stepParticipant',
    showsDeclarant: true,
    intro: 'participantIntro',
    fields: [
      { name: 'participant.phone', label: 'fieldPhone', kind: 'phone', hint: 'hintPhone', alsoFor: ['participant.pin', 'participant'] },
      { name: 'participant.email', label: 'fieldEmail', kind: 'email', hint: 'hintEmail' },
    ],
  },
  {
    id: 'contribution',
    title: 'stepContribution',
    fields: [
      { name: 'startMonth', label: 'fieldStartMonth', kind: 'month', hint: 'hintStartMonth' },
      { name: 'monthlyIncome', label: 'fieldMonthlyIncome', kind: 'money', as: 'integer', hint: 'hintMonthlyIncome' },
      {
        name: 'paymentMethod',
        label: 'fieldPaymentMethod',
        kind: {
          radio: [
            ['monthly', 'methodMonthly'],
            ['3-months', 'method3Months'],
            ['6-months', 'method6Months'],
            ['12-months', 'method12Months'],
            ['advance-years', 'methodAdvanceYears'],
            ['missing-period', 'methodMissingPeriod'],
          ],
        },
      },
      { name: 'years', label: 'fieldYears', kind: 'integer', as: 'integer', optional: true, hint: 'hintYears', showWhen: { field: 'paymentMethod', values: ['advance-years'] } },
      { name: 'missingMonths', label: 'fieldMissingMonths', kind: 'integer', as: 'integer', optional: true, hint: 'hintMissingMonths', showWhen: { field: 'paymentMethod', values: ['missing-period'] } },
      {
        name: 'supportGroup',
        label: 'fieldSupportGroup',
        hint: 'hintSupportGroup',
        kind: {
          radio: [
            ['poor', 'supportPoor'],
            ['near-poor', 'supportNearPoor'],
            ['ethnic-minority', 'supportEthnicMinority'],
            ['island-commune', 'supportIslandCommune'],
            ['other', 'supportOther'],
          ],
        },
      },
    ],
  },
];

export const VOLUNTARY_FORM: DeclarationForm = {
  group: 'voluntary-si',
  path: '/portal/voluntary-si',
  title: 'voluntaryTitle',
  reviewIntro: 'voluntaryReviewIntro',
  steps: VOLUNTARY_STEPS,
  declarantPin: 'participant.pin',
  standIns: () => ({
    'participant.phone': '0900000000',
    'participant.email': 'a@example.vn',
    startMonth: '2099-01',
    monthlyIncome: '5000000',
    paymentMethod: 'monthly',
    supportGroup: 'other',
  }),
  /**
   * The floor and ceiling of the income for the start month typed (kernel/rules/voluntary-income.ts, the rule social
   * security applies: the rural poverty line and 20 × the base salary on the first day of the start month), from the
   * rule book the hub checks with (social security's, with the versions its operator added, where the platform has it).
   */
  extraHint(name, values, t, lang, today, rules) {
    if (name !== 'monthlyIncome') return undefined;
    const month = startMonthOf(values, today);
    const b = voluntaryIncomeBounds(month, rules);
    return t('incomeBounds', { month, floor: formatVnd(b.floor, lang), ceiling: formatVnd(b.ceiling, lang) });
  },
  /**
   * The contribution before support: 22% of the income (Law on SI 2014 art. 87; 2024 art. 36; kernel/rules/voluntary-law.ts).
   * The amount due — after the support for the group, which social security verifies, and the discount or interest of a
   * lump sum — is social security's to compute when it registers: the dossier page shows it then.
   */
  reviewExtra(values, t, lang) {
    const income = incomeOf(values);
    if (income === null || !MONTH.test(values.startMonth ?? '') || (values.startMonth ?? '') < FIRST_MONTH) return undefined;
    const law = voluntaryLawAt(`${values.startMonth}-01` as IsoDate).value;
    return {
      title: t('estimateTitle'),
      lines: [
        t('estimateText', { rate: law.contributionBp / 100, income: formatVnd(income, lang), amount: formatVnd(applyBasisPoints(income, law.contributionBp), lang) }),
        t('estimateNote'),
      ],
    };
  },
};
