import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { PartDeps } from '../../platform/messaging/part-runtime.ts';
import { deathBenefitsHandlers } from './death-handlers.ts';
import { socialSecurityHandlers } from './handlers.ts';
import { socialSecurityMigrations } from './migrations.ts';
import { SocialSecurityRuntime } from './payments/runtime.ts';
import { VSS_COLLECTION_ACCOUNT } from './voluntary-collection-account.ts';
import { voluntarySiHandlers } from './voluntary-handlers.ts';

/** Vietnam Social Security (VSS): SI codes, HI cards, contributions and benefits, as one part. */
export const socialSecurity = {
  name: 'social-security' as const,
  migrations: socialSecurityMigrations,
  /** `audit`: where officers' collection acts are recorded (embedded mode; absent in a part's own process). */
  create: (deps: PartDeps & { audit?: Pick<AuditTrail, 'record'> | undefined }) =>
    new SocialSecurityRuntime(
      deps,
      { ...socialSecurityHandlers(), ...deathBenefitsHandlers(deps.sealer?.box('social-security')), ...voluntarySiHandlers(VSS_COLLECTION_ACCOUNT) },
      VSS_COLLECTION_ACCOUNT,
    ),
};
