import { vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { TimeLimit } from '../groups/group.ts';
import { overrideInForce } from './domain/time-limit-in-force.ts';
import { hubSettingsStore as store } from './store.ts';

/** What the engine asks when it dispatches a procedure: the province's time limit for it, if one is set. */
export type TimeLimitLookup = (tx: Queryable, q: { dossierId: string; procedure: string }) => Promise<TimeLimit | undefined>;

/** The lookup over `hub.time_limit_overrides`: the override in force when the dossier was received (domain/time-limit-in-force.ts). */
export const provinceTimeLimits: TimeLimitLookup = async (tx, q) => {
  const found = await store.forDossier(tx, q.dossierId, q.procedure);
  if (!found || found.rows.length === 0) return undefined;
  const o = overrideInForce(found.rows, vnDateOf(new Date(found.submittedAt)) as IsoDate, found.submittedAt);
  if (!o || o.workingDays === null) return undefined;
  return { workingDays: o.workingDays, legalBasis: `per-province time limit in force from ${o.effectiveFrom} (seed 004 item 2)` };
};
