import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * ARCHITECTURE.md: kernel ← contracts ← platform ← (hub, each agency, identity) ← portal ← app ← cli. No agency imports
 * another agency or the hub; the hub imports no agency. Checked on every import of every source file.
 */
const ROOT = resolve(import.meta.dirname, '../../src');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The layer a file belongs to: `agencies/population` counts as its own part. */
function layer(file: string): string {
  const [top, sub] = relative(ROOT, file).split('/');
  return top === 'agencies' ? `agencies/${sub}` : top!;
}

const ALLOWED: Record<string, (target: string) => boolean> = {
  kernel: (t) => t === 'kernel',
  contracts: (t) => ['kernel', 'contracts'].includes(t),
  platform: (t) => ['kernel', 'contracts', 'platform'].includes(t),
  hub: (t) => ['kernel', 'contracts', 'platform', 'hub'].includes(t),
  identity: (t) => ['kernel', 'contracts', 'platform', 'identity'].includes(t),
  // The citizen portal renders pages over the hub's and identity's services: above them, below the composition root.
  portal: (t) => ['kernel', 'contracts', 'platform', 'hub', 'identity', 'portal'].includes(t),
  // The back office's pages reach the hub and the agencies only through the HTTP API (office/api.ts): no part's code,
  // only the portal's page helpers (html, language).
  office: (t) => ['kernel', 'contracts', 'platform', 'portal', 'office'].includes(t),
  app: (t) => t !== 'cli',
  cli: () => true,
};
const allowedFor = (from: string) => ALLOWED[from] ?? ((t: string) => ['kernel', 'contracts', 'platform', from].includes(t));

test('every import follows the dependency direction', () => {
  const wrong: string[] = [];
  let imports = 0;
  for (const f of files(ROOT)) {
    if (f.endsWith('.test.ts')) continue;
    const from = layer(f);
    for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      imports++;
      const to = layer(resolve(dirname(f), m[1]!));
      if (!allowedFor(from)(to)) wrong.push(`${relative(ROOT, f)} → ${m[1]} (${from} may not import ${to})`);
    }
  }
  assert.ok(imports > 200, `${imports} imports checked`);
  assert.deepEqual(wrong, []);
});

test('the rule would catch an agency importing another (the check itself can fail)', () => {
  assert.equal(allowedFor('agencies/population')('agencies/civil-registry'), false);
  assert.equal(allowedFor('agencies/population')('hub'), false);
  assert.equal(allowedFor('hub')('agencies/social-security'), false);
  assert.equal(allowedFor('kernel')('platform'), false);
});
