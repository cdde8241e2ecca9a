import type { AgencyName } from '../../contracts/parts.ts';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import { isProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import type { OfficerRole } from '../../platform/auth/principal.ts';

export type OfficerAgency = AgencyName | 'hub';

/**
 * Where each role may serve. Officers of an agency decide that agency's procedures; the one-stop shop is the
 * hub's counter; IT operators serve the hub (every account) or one agency (its own accounts).
 */
export const ROLE_AGENCIES = {
  'civil-registry-officer': ['civil-registry'],
  'population-officer': ['population'],
  'vss-collector': ['social-security'],
  'vss-director': ['social-security'],
  'planning-finance-officer': ['social-security'],
  'one-stop-shop-officer': ['hub'],
  'it-operator': ['hub', 'population', 'civil-registry', 'social-security'],
} as const satisfies Record<OfficerRole, readonly OfficerAgency[]>;

export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{2,63}$';

export interface OfficerArea {
  /** null: a national account — it serves, and (for an IT operator) manages, every province. */
  readonly provinceCode: string | null;
  readonly districtCode?: string | null | undefined;
  readonly communeCode?: string | null | undefined;
}

export interface NewOfficer {
  readonly username: string;
  readonly agency: OfficerAgency;
  readonly role: OfficerRole;
  readonly area: OfficerArea;
}

/** What is wrong with a new account beyond its schema: the role's agency, the area's codes. */
export function officerProblems(o: NewOfficer): FieldError[] {
  const out: FieldError[] = [];
  if (!new RegExp(USERNAME_PATTERN).test(o.username))
    out.push(fieldError('username', 'pattern', 'Use 3–64 lower-case letters, digits, dots, hyphens or underscores.', 'Dùng 3–64 ký tự: chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.'));
  const agencies: readonly OfficerAgency[] = ROLE_AGENCIES[o.role] ?? [];
  if (!agencies.includes(o.agency))
    out.push(
      fieldError('role', 'role-agency', `This role serves ${agencies.join(' or ') || 'no agency'}, not ${o.agency}.`, `Vai trò này thuộc ${agencies.join(' hoặc ') || 'không cơ quan nào'}, không thuộc ${o.agency}.`),
    );
  if (o.area.provinceCode !== null && !isProvinceCode2(o.area.provinceCode))
    out.push(fieldError('area.provinceCode', 'unknown-province', 'This is not a province code.', 'Đây không phải là mã tỉnh, thành phố.'));
  if (o.area.provinceCode === null && o.area.districtCode != null)
    out.push(fieldError('area.provinceCode', 'required', 'Give the province of the district.', 'Hãy nêu tỉnh, thành phố của quận, huyện.'));
  if (o.area.districtCode != null && !/^\d{3}$/.test(o.area.districtCode))
    out.push(fieldError('area.districtCode', 'pattern', 'A district code has 3 digits.', 'Mã quận, huyện gồm 3 chữ số.'));
  if (o.area.communeCode != null && !/^\d{5}$/.test(o.area.communeCode))
    out.push(fieldError('area.communeCode', 'pattern', 'A commune code has 5 digits.', 'Mã xã, phường gồm 5 chữ số.'));
  if (o.area.communeCode != null && o.area.districtCode == null)
    out.push(fieldError('area.districtCode', 'required', 'Give the district of the commune.', 'Hãy nêu quận, huyện của xã, phường.'));
  return out;
}

/**
 * An IT operator of the hub manages every agency's accounts; one of an agency, only that agency's. An operator bound
 * to a province manages only the accounts of that province — never a national one, which would reach further than
 * the operator does; a national operator manages every province.
 */
export function mayManage(
  operator: { readonly agency: OfficerAgency; readonly provinceCode: string | null },
  account: { readonly agency: OfficerAgency; readonly provinceCode: string | null },
): boolean {
  const areaOk = operator.provinceCode === null || operator.provinceCode === account.provinceCode;
  return managesAgency(operator, account.agency) && areaOk;
}

/** The agency half of the rule, for what has no area (system clients belong to an agency as a whole). */
export function managesAgency(operator: { readonly agency: OfficerAgency }, agency: OfficerAgency): boolean {
  return operator.agency === 'hub' || operator.agency === agency;
}
