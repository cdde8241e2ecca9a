import type { PartDeps } from '../../platform/messaging/part-runtime.ts';
import { PartRuntime } from '../../platform/messaging/part-runtime.ts';
import { populationDeathHandlers } from './death-handlers.ts';
import { populationHandlers } from './handlers.ts';
import { populationMigrations } from './migrations.ts';

/** The population and residence registry (Ministry of Public Security), as one part. */
export const population = {
  name: 'population' as const,
  migrations: populationMigrations,
  create: (deps: PartDeps) => new PartRuntime('population', deps, { ...populationHandlers(), ...populationDeathHandlers() }),
};
