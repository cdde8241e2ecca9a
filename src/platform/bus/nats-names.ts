import type { PartName } from '../../contracts/parts.ts';

/** Stream, subject and consumer names of one platform on a NATS server, all under one prefix. */
export interface NatsNames {
  readonly prefix: string;
  subject(recipient: PartName): string;
  stream(recipient: PartName): string;
  consumer(recipient: PartName): string;
  readonly deadStream: string;
  readonly deadSubjectPrefix: string;
}

/**
 * `lienthong` → subjects `lienthong.to.civil-registry`, streams `LIENTHONG_CIVIL_REGISTRY`. Stream and
 * consumer names may not hold `.`, `*`, `>` or spaces, so the prefix is limited to letters, digits, `_`, `-`.
 */
export function natsNames(prefix: string): NatsNames {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,40}$/.test(prefix)) throw new RangeError(`NATS prefix must be letters, digits, _ or -: ${prefix}`);
  const up = (s: string) => s.toUpperCase().replace(/-/g, '_');
  return {
    prefix,
    subject: (r) => `${prefix}.to.${r}`,
    stream: (r) => `${up(prefix)}_${up(r)}`,
    consumer: (r) => `${up(r)}_WORKERS`,
    deadStream: `${up(prefix)}_DEAD`,
    deadSubjectPrefix: `${prefix}.dead`,
  };
}
