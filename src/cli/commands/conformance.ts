import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AGENCIES, type AgencyName } from '../../contracts/parts.ts';
import { privateKeyFrom } from '../../platform/signing/keys.ts';
import { AgencyRegistry } from '../../platform/signing/registry.ts';
import { runConformance } from '../conformance/conformance.ts';
import type { SampleRequest } from '../conformance/samples.ts';

/**
 * `lienthong conformance --agency URL --part P [--callback-port N] [--request FILE.json]`: checks an agency
 * system against the HTTP contract. The kit signs as the hub with LIENTHONG_SIGNING_KEY(_ID) — a key the
 * system's registry lists for the hub — and verifies the replies with LIENTHONG_REGISTRY. Point the system's
 * callback at http://127.0.0.1:N/api/v1/callbacks for the run. Exit code 1 if any check fails.
 */
export async function conformanceCommand(args: string[]): Promise<number | string> {
  const { values } = parseArgs({ args, options: { agency: { type: 'string' }, part: { type: 'string' }, 'callback-port': { type: 'string', default: '4990' }, request: { type: 'string' } } });
  if (!values.agency) return '--agency URL: the agency system’s endpoint';
  if (!values.part || !(AGENCIES as readonly string[]).includes(values.part)) return `--part: one of ${AGENCIES.join(', ')}`;
  const env = process.env;
  if (!env.LIENTHONG_SIGNING_KEY || !env.LIENTHONG_SIGNING_KEY_ID || !env.LIENTHONG_REGISTRY)
    return 'LIENTHONG_SIGNING_KEY, LIENTHONG_SIGNING_KEY_ID (a hub key the system trusts) and LIENTHONG_REGISTRY are required';
  const results = await runConformance({
    endpoint: values.agency,
    agency: values.part as AgencyName,
    hubKey: { keyId: env.LIENTHONG_SIGNING_KEY_ID, privateKey: privateKeyFrom(env.LIENTHONG_SIGNING_KEY) },
    registry: AgencyRegistry.from(JSON.parse(readFileSync(env.LIENTHONG_REGISTRY, 'utf8'))),
    callbackPort: Number(values['callback-port']),
    ...(values.request ? { request: JSON.parse(readFileSync(values.request, 'utf8')) as SampleRequest } : {}),
  });
  for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.name} — ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed ? `${failed} of ${results.length} checks failed` : `all ${results.length} checks passed`);
  return failed ? 1 : 0;
}
