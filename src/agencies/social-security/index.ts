import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import type { HandlerTable, PartDeps } from '../../platform/messaging/part-runtime.ts';
import { deathBenefitsHandlers } from './death-handlers.ts';
import { socialSecurityHandlers } from './handlers.ts';
import { socialSecurityMigrations } from './migrations.ts';
import { SocialSecurityRuntime } from './payments/runtime.ts';
import { VSS_COLLECTION_ACCOUNT } from './voluntary-collection-account.ts';
import { voluntarySiHandlers } from './voluntary-handlers.ts';
import { hiCardWorklistHandlers } from './worklist/handlers.ts';

/** Vietnam Social Security (VSS): SI codes, HI cards, contributions and benefits, as one part. */
export const socialSecurity = {
  name: 'social-security' as const,
  migrations: socialSecurityMigrations,
  /** `audit`: where officers' collection acts are recorded (embedded mode; absent in a part's own process). */
  create: (deps: PartDeps & { audit?: AuditRecorder | undefined }) =>
    new SocialSecurityRuntime(
      deps,
      withHiCardSupplements(
        { ...socialSecurityHandlers(), ...deathBenefitsHandlers(deps.sealer?.box('social-security')), ...voluntarySiHandlers(VSS_COLLECTION_ACCOUNT) },
        hiCardWorklistHandlers(),
      ),
      VSS_COLLECTION_ACCOUNT,
    ),
};

/** Supplement messages go by procedure: the HI card's to its worklist, the others (death benefits) as before. */
function withHiCardSupplements(table: HandlerTable, hiCard: HandlerTable): HandlerTable {
  const out: HandlerTable = { ...table };
  for (const type of ['procedure.supplement-provided', 'procedure.supplement-expired'] as const) {
    const other = table[type];
    const mine = hiCard[type]!;
    out[type] = async (tx, env, ctx) => {
      if ((env.payload as { procedure?: string }).procedure === 'hi-card') return mine(tx, env, ctx);
      if (other) return other(tx, env, ctx);
    };
  }
  return out;
}
