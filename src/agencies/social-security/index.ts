import { PartRuntime, type PartDeps } from '../../platform/messaging/part-runtime.ts';
import { deathBenefitsHandlers } from './death-handlers.ts';
import { socialSecurityHandlers } from './handlers.ts';
import { socialSecurityMigrations } from './migrations.ts';
import { voluntarySiHandlers } from './voluntary-handlers.ts';

/** Vietnam Social Security (VSS): SI codes, HI cards, contributions and benefits, as one part. */
export const socialSecurity = {
  name: 'social-security' as const,
  migrations: socialSecurityMigrations,
  create: (deps: PartDeps) => new PartRuntime('social-security', deps, { ...socialSecurityHandlers(), ...deathBenefitsHandlers(deps.sealer?.box('social-security')), ...voluntarySiHandlers() }),
};
