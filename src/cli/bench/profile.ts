/**
 * `bench --profile FILE`: a CPU profile of the load only (not the population import before it), written as a
 * .cpuprofile (Chrome DevTools, speedscope), and a summary of where the time went, by area and by function.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** The subset of the V8 profile format the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export async function startProfile(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

export function saveProfile(file: string, profile: CpuProfile): void {
  writeFileSync(file, JSON.stringify(profile));
}

/**
 * Where a sample's time is counted: the PostgreSQL engine compiled to WebAssembly, PGlite's JavaScript around it
 * (protocol buffers, result parsing), file-system calls (PostgreSQL's reads and writes through Node's fs), the
 * garbage collector, our own source, other dependencies, and Node itself.
 */
export function areaOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (url.startsWith('wasm://')) return 'PGlite: PostgreSQL (WebAssembly)';
  if (url.includes('@electric-sql/pglite')) return 'PGlite: JavaScript (protocol, parsing)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)' || functionName === '(program)') return functionName === '(idle)' ? 'idle' : 'V8 (program)';
  if (url === '' && /^(fstat|open|close|read|write|writeBuffer|writeString|fsync|fdatasync|ftruncate|lstat|stat|readdir)/.test(functionName)) return 'file system calls';
  const src = /\/src\/([a-z-]+)\//.exec(url);
  if (src && !url.includes('node_modules')) return `our code: src/${src[1]}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return `dependency: ${dep[1]}`;
  return 'Node.js and other';
}

export interface ProfileSummary {
  totalMs: number;
  areas: { area: string; ms: number; share: number }[];
  functions: { fn: string; area: string; ms: number; share: number }[];
}

export function summariseProfile(p: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = Math.max(0, p.timeDeltas[i] ?? 0);
    selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, { area: string; us: number }>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const area = areaOf(f);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = f.url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/');
    const key = `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    const e = fns.get(key) ?? { area, us: 0 };
    e.us += us;
    fns.set(key, e);
  }
  const share = (us: number) => Number(((100 * us) / Math.max(1, total)).toFixed(1));
  return {
    totalMs: Math.round(total / 1000),
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: Math.round(us / 1000), share: share(us) })),
    functions: [...fns]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, e]) => ({ fn, area: e.area, ms: Math.round(e.us / 1000), share: share(e.us) })),
  };
}

export function formatProfileSummary(s: ProfileSummary): string {
  const lines = [`CPU profile of the load: ${s.totalMs} ms sampled`, 'by area:'];
  for (const a of s.areas) lines.push(`  ${String(a.ms).padStart(7)} ms ${a.share.toFixed(1).padStart(5)}%  ${a.area}`);
  lines.push('by function (self time):');
  for (const f of s.functions) lines.push(`  ${String(f.ms).padStart(7)} ms ${f.share.toFixed(1).padStart(5)}%  ${f.fn}`);
  return lines.join('\n');
}
