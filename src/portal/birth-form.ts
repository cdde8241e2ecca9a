import type { DeclarationForm, FormStep } from './forms.ts';


/**
 * The birth declaration as a form (Form 01 of the Government Office: birth registration, permanent residence and the
 * HI card of a child under 6): its fields, named by their path in the declaration, grouped in steps.
 */
export const BIRTH_STEPS: readonly FormStep[] = [
  {
    id: 'child',
    title: 'stepChild',
    fields: [
      { name: 'child.fullName', label: 'fieldChildFullName', kind: 'text', alsoFor: ['child'], invalid: 'errName' },
      { name: 'child.sex', label: 'fieldChildSex', kind: { radio: [['male', 'sexMale'], ['female', 'sexFemale']] } },
      { name: 'child.dateOfBirth', label: 'fieldChildDateOfBirth', kind: 'date', hint: 'hintDate' },
      { name: 'child.placeOfBirth', label: 'fieldChildPlaceOfBirth', kind: 'text' },
    ],
  },
  {
    id: 'parents',
    title: 'stepParents',
    showsDeclarant: true,
    fields: [
      {
        name: 'declarant.relationship',
        label: 'fieldRelationship',
        kind: {
          select: [
            ['mother', 'relMother'],
            ['father', 'relFather'],
            ['grandparent', 'relGrandparent'],
            ['sibling', 'relSibling'],
            ['relative', 'relRelative'],
            ['guardian', 'relGuardian'],
          ],
        },
        alsoFor: ['declarant.pin', 'declarant'],
      },
      { name: 'mother.pin', label: 'fieldMotherPin', kind: 'pin', hint: 'hintPin', alsoFor: ['mother'] },
      { name: 'father.pin', label: 'fieldFatherPin', kind: 'pin', hint: 'hintPin', optional: true, alsoFor: ['father'] },
    ],
  },
  {
    id: 'residence',
    title: 'stepResidence',
    fields: [
      { name: 'residence.householdOf', label: 'fieldHouseholdOf', kind: { radio: [['mother', 'householdMother'], ['father', 'householdFather']] }, alsoFor: ['residence'] },
      { name: 'healthInsurance.initialFacilityCode', label: 'fieldFacility', kind: 'facility', hint: 'hintFacility', alsoFor: ['healthInsurance'] },
    ],
  },
];

export const BIRTH_FORM: DeclarationForm = {
  group: 'birth',
  path: '/portal/birth',
  title: 'birthTitle',
  reviewIntro: 'reviewIntro',
  steps: BIRTH_STEPS,
  declarantPin: 'declarant.pin',
  standIns: (pin) => ({
    'child.fullName': 'Nguyễn An',
    'child.sex': 'male',
    'child.dateOfBirth': '2000-01-01',
    'child.placeOfBirth': '-',
    'declarant.relationship': 'mother',
    'mother.pin': pin,
    'residence.householdOf': 'mother',
    'healthInsurance.initialFacilityCode': '01001',
  }),
};
