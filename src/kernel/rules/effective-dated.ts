/**
 * Effective-dated rule tables: a value that changes over time by legal act.
 *
 * A table is always resolved by an explicit civil date (never "now"): the version that
 * applies on date D is the last one whose `effectiveFrom` ≤ D. Before the first version
 * the table has no answer and `at` throws a RangeError.
 *
 * Example:
 *   const t = new EffectiveTable([
 *     { version: 'a', effectiveFrom: isoDate('2020-01-01'), value: 1, legalBasis: 'Decree X' },
 *     { version: 'b', effectiveFrom: isoDate('2021-01-01'), value: 2, legalBasis: 'Decree Y' },
 *   ]);
 *   t.at(isoDate('2020-12-31')).value === 1; t.at(isoDate('2021-01-01')).value === 2;
 *   t.at(isoDate('2019-12-31')) // throws RangeError
 */
import { isIsoDate, type IsoDate } from '../dates.ts';

export interface RuleVersion<T> {
  /** Stable identifier of this version, recorded with every decision that uses it. */
  version: string;
  /** First civil date on which the version applies (inclusive). */
  effectiveFrom: IsoDate;
  value: T;
  /** The legal act (and article) that sets the value. */
  legalBasis: string;
}

export class EffectiveTable<T> {
  readonly versions: readonly RuleVersion<T>[];

  /** Versions must be non-empty, valid dates, strictly ascending by date, with unique ids. */
  constructor(versions: readonly RuleVersion<T>[]) {
    if (versions.length === 0) throw new RangeError('EffectiveTable needs at least one version');
    const ids = new Set<string>();
    versions.forEach((v, i) => {
      if (!isIsoDate(v.effectiveFrom)) throw new RangeError(`version ${v.version}: bad effectiveFrom ${v.effectiveFrom}`);
      if (ids.has(v.version)) throw new RangeError(`duplicate version id: ${v.version}`);
      ids.add(v.version);
      const prev = versions[i - 1];
      if (prev && !(prev.effectiveFrom < v.effectiveFrom)) {
        throw new RangeError(
          `versions not strictly ascending: ${prev.version} (${prev.effectiveFrom}) then ${v.version} (${v.effectiveFrom})`,
        );
      }
    });
    this.versions = Object.freeze(versions.map((v) => Object.freeze({ ...v })));
  }

  /** The version in force on `date`. Throws RangeError before the first version or on a bad date. */
  at(date: IsoDate): RuleVersion<T> {
    if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${String(date)}`);
    let found: RuleVersion<T> | undefined;
    for (const v of this.versions) {
      if (v.effectiveFrom <= date) found = v;
      else break;
    }
    if (!found) {
      throw new RangeError(`no rule version in force on ${date}; the first takes effect on ${this.versions[0]!.effectiveFrom}`);
    }
    return found;
  }
}
