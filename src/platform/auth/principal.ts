import type { AgencyName } from '../../contracts/parts.ts';

/** Officer roles (back office; seed 003 steps 5–6). One list; the type derives from it. */
export const OFFICER_ROLES = [
  'civil-registry-officer',
  'population-officer',
  'vss-collector',
  'vss-director',
  'planning-finance-officer',
  'one-stop-shop-officer',
  'it-operator',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Who is calling. Each kind carries exactly what authorisation needs about it. */
export type Principal =
  | { readonly kind: 'citizen'; readonly pin: string }
  | { readonly kind: 'officer'; readonly username: string; readonly agency: AgencyName | 'hub'; readonly role: OfficerRole; readonly provinceCode: string | null }
  | {
      readonly kind: 'system';
      readonly client: string;
      readonly agency: AgencyName;
      /** What an OAuth2 client-credentials token was granted (src/identity/domain/scopes.ts); absent on older tokens. */
      readonly scopes?: readonly string[];
    };

/** A stable subject string for records ("who submitted", audit). Never a name. */
export function subjectOf(p: Principal): string {
  switch (p.kind) {
    case 'citizen':
      return `citizen:${p.pin}`;
    case 'officer':
      return `officer:${p.username}`;
    case 'system':
      return `system:${p.client}`;
  }
}
