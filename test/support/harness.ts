import { populationImport } from '../../src/agencies/population/import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import { buildPlatform, type BuildOptions, type Platform } from '../../src/app/build-platform.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { freshDb, type Engine } from './databases.ts';
import type { CitizenRecord, HouseholdRecord } from '../../src/contracts/imports/population.ts';
import type { SiRecord } from '../../src/contracts/imports/si-records.ts';
import { citizens, households, siRecords } from './fixtures.ts';

/** Friday 24 January 2025, 09:00 in Hà Nội: the day before the Tết 2025 break (25 Jan – 2 Feb). */
export const START = '2025-01-24T09:00:00+07:00';

export interface TestPlatform {
  readonly p: Platform;
  token(principal: Principal): Promise<string>;
  /** Moves the platform's clock `ms` past where its running start would be (to cross a deadline, run a sweep). */
  shift(ms: number): void;
  close(): Promise<void>;
}

/** The population register and SI records a test platform starts with. */
export interface TestRegister {
  readonly households: readonly HouseholdRecord[];
  readonly citizens: readonly CitizenRecord[];
  readonly siRecords: readonly SiRecord[];
}

/** A whole embedded platform on a fresh database, with the fixture register (or the test's own) imported. */
export async function startTestPlatform(
  engine: Engine,
  start = START,
  extra: Partial<BuildOptions> = {},
  register: TestRegister = { households, citizens, siRecords },
): Promise<TestPlatform> {
  const t = await freshDb(engine);
  const running = runningClockFrom(new Date(start));
  let shift = 0;
  const clock = { now: () => new Date(running.now().getTime() + shift) };
  const p = await buildPlatform({ db: t.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...extra });
  await t.db.transaction(async (tx) => {
    const imp = populationImport(clock.now());
    await imp.apply(tx, [...register.households, ...register.citizens]);
    await siRecordsImport().apply(tx, [...register.siRecords]);
  });
  return {
    p,
    token: (principal) => p.tokens.issue(principal),
    shift: (ms) => void (shift = ms),
    async close() {
      await p.close();
      await t.drop();
    },
  };
}

/** Polls until `probe` returns a value, or fails after `ms`. Flows finish in milliseconds; the limit only guards a hang. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
