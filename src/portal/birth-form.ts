import type { FieldError } from '../kernel/errors.ts';
import type { MessageKey } from './i18n/index.ts';

/**
 * The birth declaration as a form: its fields (named by their path in the declaration), grouped in steps.
 * The rules are not here: the hub checks the declaration the form builds (HubService.check), so the portal
 * can never disagree with what submit accepts.
 */
export type FieldKind = 'text' | 'date' | 'pin' | 'facility' | { readonly radio: readonly (readonly [string, MessageKey])[] } | { readonly select: readonly (readonly [string, MessageKey])[] };

export interface FormField {
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: FieldKind;
  readonly hint?: MessageKey;
  readonly optional?: boolean;
  /** Error paths shown at this field besides its own (a rule about the declarant's PIN, which the form fills in). */
  readonly alsoFor?: readonly string[];
}

export interface FormStep {
  readonly id: 'child' | 'parents' | 'residence';
  readonly title: MessageKey;
  readonly fields: readonly FormField[];
}

export const BIRTH_STEPS: readonly FormStep[] = [
  {
    id: 'child',
    title: 'stepChild',
    fields: [
      { name: 'child.fullName', label: 'fieldChildFullName', kind: 'text', alsoFor: ['child'] },
      { name: 'child.sex', label: 'fieldChildSex', kind: { radio: [['male', 'sexMale'], ['female', 'sexFemale']] } },
      { name: 'child.dateOfBirth', label: 'fieldChildDateOfBirth', kind: 'date', hint: 'hintDate' },
      { name: 'child.placeOfBirth', label: 'fieldChildPlaceOfBirth', kind: 'text' },
    ],
  },
  {
    id: 'parents',
    title: 'stepParents',
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

export const BIRTH_FIELDS = BIRTH_STEPS.flatMap((s) => s.fields);
export type FormValues = Record<string, string>;

/** The form's own values from a posted body: known fields only, trimmed, at most 200 characters each. */
export function valuesFrom(body: unknown): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const f of BIRTH_FIELDS) {
    const v = b[f.name];
    if (typeof v === 'string') out[f.name] = v.trim().slice(0, 200);
  }
  return out;
}

/**
 * Stand-ins for the steps not filled in yet, so that the rules of the step at hand can run on a whole
 * declaration; their errors are never shown (only the step's own fields are).
 */
function standIns(pin: string): FormValues {
  return {
    'child.fullName': 'Nguyễn An',
    'child.sex': 'male',
    'child.dateOfBirth': '2000-01-01',
    'child.placeOfBirth': '-',
    'declarant.relationship': 'mother',
    'mother.pin': pin,
    'residence.householdOf': 'mother',
    'healthInsurance.initialFacilityCode': '01001',
  };
}

/** The declaration the values make, the declarant being the signed-in citizen; empty fields are left out. */
export function toDeclaration(values: FormValues, declarantPin: string, fillOthersThan?: FormStep): Record<string, unknown> {
  const filled: FormValues = { ...values };
  if (fillOthersThan) {
    const own = new Set(fillOthersThan.fields.map((f) => f.name));
    for (const [k, v] of Object.entries(standIns(declarantPin))) if (!own.has(k) && !filled[k]) filled[k] = v;
  }
  const d: Record<string, Record<string, unknown>> = { declarant: { pin: declarantPin } };
  for (const f of BIRTH_FIELDS) {
    const v = filled[f.name];
    if (!v) continue;
    const [section, key] = f.name.split('.') as [string, string];
    (d[section] ??= {})[key] = v;
  }
  return d;
}

/** The field of the form an error belongs to, if any. */
export function fieldOf(error: FieldError): FormField | undefined {
  const path = error.path.replace(/^declaration\.?/, '');
  return BIRTH_FIELDS.find((f) => f.name === path || f.alsoFor?.includes(path));
}

export function stepOf(field: FormField): FormStep {
  return BIRTH_STEPS.find((s) => s.fields.includes(field))!;
}

/** Errors keyed by field name, one per field, for the step given (all steps when none). */
export function errorsByField(errors: readonly FieldError[], step?: FormStep): Map<string, FieldError> {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    const f = fieldOf(e);
    if (!f || (step && !step.fields.includes(f)) || out.has(f.name)) continue;
    out.set(f.name, e);
  }
  return out;
}
