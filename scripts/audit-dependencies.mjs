#!/usr/bin/env node
// Dependency audit for CI: fails on any high or critical advisory in the runtime dependencies
// (npm audit --omit=dev). When the registry's advisory endpoint cannot be reached (as on machines whose
// registry mirror does not serve it), it says so and does not pretend the audit passed or failed.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(r.stdout || '{}');
} catch {
  console.error('npm audit printed no JSON:', r.stderr.slice(0, 500));
  process.exit(1);
}
if (report.metadata?.vulnerabilities) {
  const v = report.metadata.vulnerabilities;
  const bad = (v.high ?? 0) + (v.critical ?? 0);
  console.log(`npm audit --omit=dev: ${v.critical ?? 0} critical, ${v.high ?? 0} high, ${v.moderate ?? 0} moderate, ${v.low ?? 0} low`);
  if (bad > 0) {
    for (const [name, a] of Object.entries(report.vulnerabilities ?? {}))
      if (a.severity === 'high' || a.severity === 'critical') console.log(`  ${a.severity}: ${name} ${a.range ?? ''}`);
    process.exit(1);
  }
  process.exit(0);
}
const why = [report.error?.summary, report.message, r.stderr.split('\n')[0]].find((x) => typeof x === 'string' && x.trim() !== '') ?? 'no report';
console.log(`# SKIPPED: dependency audit — the registry's advisory endpoint did not answer (${why}); run \`npm audit --omit=dev\` where it does`);
