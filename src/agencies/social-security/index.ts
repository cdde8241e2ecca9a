import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import type { HandlerTable, PartDeps } from '../../platform/messaging/part-runtime.ts';
import { deathBenefitsHandlers } from './death-handlers.ts';
import { socialSecurityHandlers } from './handlers.ts';
import { socialSecurityMigrations } from './migrations.ts';
import { SocialSecurityRuntime } from './payments/runtime.ts';
import { VSS_COLLECTION_ACCOUNT } from './voluntary-collection-account.ts';
import { PROCEDURE as VOLUNTARY_SI, voluntarySiHandlers, voluntarySiSupplementHandlers } from './voluntary-handlers.ts';
import { hiCardWorklistHandlers } from './worklist/handlers.ts';

/** Vietnam Social Security (VSS): SI codes, HI cards, contributions and benefits, as one part. */
export const socialSecurity = {
  name: 'social-security' as const,
  migrations: socialSecurityMigrations,
  /** `audit`: where officers' collection acts are recorded (embedded mode; absent in a part's own process). */
  create: (deps: PartDeps & { audit?: AuditRecorder | undefined }) =>
    new SocialSecurityRuntime(
      deps,
      supplementsByProcedure(
        { ...socialSecurityHandlers(), ...deathBenefitsHandlers(deps.sealer?.box('social-security')), ...voluntarySiHandlers(VSS_COLLECTION_ACCOUNT) },
        { 'hi-card': hiCardWorklistHandlers(), [VOLUNTARY_SI]: voluntarySiSupplementHandlers(VSS_COLLECTION_ACCOUNT) },
      ),
      VSS_COLLECTION_ACCOUNT,
    ),
};

/**
 * Supplement messages go by procedure: the HI card's to its worklist, a voluntary SI registration's to its handlers,
 * the others (death benefits) to the table's own.
 */
function supplementsByProcedure(table: HandlerTable, byProcedure: Readonly<Record<string, HandlerTable>>): HandlerTable {
  const out: HandlerTable = { ...table };
  for (const type of ['procedure.supplement-provided', 'procedure.supplement-expired'] as const) {
    const other = table[type];
    out[type] = async (tx, env, ctx) => {
      const mine = byProcedure[(env.payload as { procedure?: string }).procedure ?? '']?.[type];
      if (mine) return mine(tx, env, ctx);
      if (other) return other(tx, env, ctx);
    };
  }
  return out;
}
