import { isAgency, type AgencyName } from '../../contracts/parts.ts';
import { parsePin } from '../../kernel/identifiers/pin.ts';
import { OFFICER_ROLES, type OfficerRole, type Principal } from '../../platform/auth/principal.ts';

/**
 * Demo officers for embedded mode, so `lienthong token --officer cr-officer` works as written in
 * the README. Real officer accounts (sign-in, TOTP, lock-out) come with the security work.
 */
export const DEMO_OFFICERS: Record<string, { agency: AgencyName | 'hub'; role: OfficerRole; provinceCode: string | null }> = {
  'cr-officer': { agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: null },
  'cr-hanam': { agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' },
  'pop-officer': { agency: 'population', role: 'population-officer', provinceCode: null },
  'vss-collector': { agency: 'social-security', role: 'vss-collector', provinceCode: null },
  'one-stop': { agency: 'hub', role: 'one-stop-shop-officer', provinceCode: null },
  'it-operator': { agency: 'hub', role: 'it-operator', provinceCode: null },
};

export interface TokenArgs {
  citizen?: string | undefined;
  officer?: string | undefined;
  agency?: string | undefined;
  role?: string | undefined;
  province?: string | undefined;
}

/** The principal a `lienthong token` call names, or a message saying what is wrong. */
export function principalFromArgs(a: TokenArgs): Principal | string {
  if (a.citizen) {
    const p = parsePin(a.citizen);
    return p.ok ? { kind: 'citizen', pin: a.citizen } : `--citizen: not a valid PIN (${p.reason})`;
  }
  if (a.officer) {
    const demo = DEMO_OFFICERS[a.officer];
    const agency = a.agency ?? demo?.agency;
    const role = a.role ?? demo?.role;
    if (!agency || !role) return `--officer ${a.officer}: unknown officer; give --agency and --role, or use one of ${Object.keys(DEMO_OFFICERS).join(', ')}`;
    if (agency !== 'hub' && !isAgency(agency)) return `--agency: one of hub, population, civil-registry, social-security`;
    if (!OFFICER_ROLES.includes(role as OfficerRole)) return `--role: one of ${OFFICER_ROLES.join(', ')}`;
    const provinceCode = a.province ?? demo?.provinceCode ?? null;
    if (provinceCode !== null && !/^\d{2}$/.test(provinceCode)) return '--province: a 2-digit province code';
    return { kind: 'officer', username: a.officer, agency, role: role as OfficerRole, provinceCode };
  }
  return 'give --citizen PIN or --officer USER';
}
