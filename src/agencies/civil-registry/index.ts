import { PartRuntime, type PartDeps } from '../../platform/messaging/part-runtime.ts';
import { deathRegistrationHandlers } from './death-handlers.ts';
import { civilRegistryHandlers } from './handlers.ts';
import { civilRegistryMigrations } from './migrations.ts';

/** The civil registry (Ministry of Justice): births, deaths and their certificates, as one part. */
export const civilRegistry = {
  name: 'civil-registry' as const,
  migrations: civilRegistryMigrations,
  create: (deps: PartDeps) => new PartRuntime('civil-registry', deps, { ...civilRegistryHandlers(), ...deathRegistrationHandlers() }),
};
