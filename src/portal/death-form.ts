import { MAX_DECLARED_RELATIVES } from '../contracts/declarations/death.ts';
import type { Choice, DeclarationForm, FormStep } from './forms.ts';

const YES_NO: readonly Choice[] = [
  ['yes', 'yes'],
  ['no', 'no'],
];

/**
 * The combined death declaration as a form (Decree 63/2024/ND-CP; VSS Decision 706/QD-BHXH 2023): the deceased, the
 * linked procedures the family wants, the relatives who claim a survivor benefit (rows added and removed), the payee.
 * Field names are the declaration's paths (`contracts/declarations/death.ts`); the choices are its enumerations.
 */
export const DEATH_STEPS: readonly FormStep[] = [
  {
    id: 'deceased',
    title: 'stepDeceased',
    showsDeclarant: true,
    fields: [
      {
        name: 'declarant.relationship',
        label: 'fieldDeathRelationship',
        kind: {
          select: [
            ['spouse', 'relSpouse'],
            ['child', 'relChild'],
            ['parent', 'relParent'],
            ['sibling', 'relSiblingOfDeceased'],
            ['grandchild', 'relGrandchild'],
            ['relative', 'relRelative'],
          ],
        },
        alsoFor: ['declarant.pin', 'declarant'],
      },
      { name: 'deceased.pin', label: 'fieldDeceasedPin', kind: 'pin', hint: 'hintPin', alsoFor: ['deceased'] },
      { name: 'deceased.fullName', label: 'fieldDeceasedFullName', kind: 'text', optional: true, hint: 'hintDeceasedName', invalid: 'errName' },
      { name: 'deceased.dateOfDeath', label: 'fieldDateOfDeath', kind: 'date', hint: 'hintDate' },
      { name: 'deceased.placeOfDeath', label: 'fieldPlaceOfDeath', kind: 'text' },
      {
        name: 'deceased.cause',
        label: 'fieldCause',
        kind: {
          radio: [
            ['illness', 'causeIllness'],
            ['occupational-accident', 'causeOccupationalAccident'],
            ['occupational-disease', 'causeOccupationalDisease'],
            ['other', 'causeOther'],
          ],
        },
      },
      { name: 'deceased.deathNoticeId', label: 'fieldDeathNoticeId', kind: 'uuid', optional: true, hint: 'hintDeathNoticeId' },
    ],
  },
  {
    id: 'requests',
    title: 'stepRequests',
    intro: 'requestsIntro',
    fields: [
      { name: 'requests.residenceDeregistration', label: 'fieldResidenceDeregistration', kind: { radio: YES_NO }, as: 'boolean', hint: 'hintResidenceDeregistration', alsoFor: ['requests'] },
      { name: 'requests.funeralAllowance', label: 'fieldFuneralAllowance', kind: { radio: YES_NO }, as: 'boolean', hint: 'hintFuneralAllowance' },
      {
        name: 'requests.survivorBenefit',
        label: 'fieldSurvivorBenefit',
        kind: {
          radio: [
            ['monthly', 'survivorMonthly'],
            ['lump-sum', 'survivorLumpSum'],
            ['none', 'survivorNone'],
          ],
        },
        hint: 'hintSurvivorBenefit',
      },
    ],
  },
  {
    id: 'relatives',
    title: 'stepRelatives',
    intro: 'relativesIntro',
    fields: [],
    rows: {
      name: 'relatives',
      label: 'fieldRelatives',
      row: 'relativeN',
      add: 'addRelative',
      remove: 'removeRelative',
      max: MAX_DECLARED_RELATIVES,
      defaults: { incapacityPercent: '0' },
      // A survivor benefit is claimed by relatives: the step opens with a row to fill in.
      startWithOne: (v) => !!v['requests.survivorBenefit'] && v['requests.survivorBenefit'] !== 'none',
      fields: [
        { name: 'pin', label: 'fieldRelativePin', kind: 'pin', hint: 'hintPin' },
        {
          name: 'relationship',
          label: 'fieldRelativeRelationship',
          kind: {
            select: [
              ['spouse', 'relSpouse'],
              ['child', 'relChild'],
              ['father', 'relFather'],
              ['mother', 'relMother'],
              ['father-in-law', 'relFatherInLaw'],
              ['mother-in-law', 'relMotherInLaw'],
              ['dependant', 'relDependant'],
            ],
          },
        },
        { name: 'hasDirectCaretaker', label: 'fieldHasCaretaker', kind: { radio: YES_NO }, as: 'boolean', hint: 'hintHasCaretaker' },
        { name: 'incapacityPercent', label: 'fieldIncapacity', kind: 'integer', as: 'integer', hint: 'hintIncapacity' },
        { name: 'monthlyIncome', label: 'fieldRelativeIncome', kind: 'money', as: 'integer', optional: true, hint: 'hintRelativeIncome' },
      ],
    },
  },
  {
    id: 'payee',
    title: 'stepPayee',
    intro: 'payeeIntro',
    fields: [
      { name: 'payee.pin', label: 'fieldPayeePin', kind: 'pin', optional: true, hint: 'hintPayeePin', alsoFor: ['payee'] },
      { name: 'payee.bankAccount.bankBin', label: 'fieldBankBin', kind: 'bank-bin', optional: true, hint: 'hintBankBin', alsoFor: ['payee.bankAccount'] },
      { name: 'payee.bankAccount.accountNumber', label: 'fieldAccountNumber', kind: 'account', optional: true, hint: 'hintAccountNumber' },
    ],
  },
];

export const DEATH_FORM: DeclarationForm = {
  group: 'death',
  path: '/portal/death',
  title: 'deathTitle',
  reviewIntro: 'deathReviewIntro',
  steps: DEATH_STEPS,
  declarantPin: 'declarant.pin',
  // Nothing asked, no relative, no payee: the stand-ins never give a message of their own.
  standIns: () => ({
    'declarant.relationship': 'relative',
    'deceased.pin': '000000000000',
    'deceased.dateOfDeath': '2000-01-01',
    'deceased.placeOfDeath': '-',
    'deceased.cause': 'other',
    'requests.residenceDeregistration': 'no',
    'requests.funeralAllowance': 'no',
    'requests.survivorBenefit': 'none',
  }),
};
