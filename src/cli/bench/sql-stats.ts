/** `bench --sql-stats`: the platform's statements and transactions per dossier, and the statements that cost most. */
import type { DbStats } from '../../platform/db/counting-db.ts';

export interface SqlFigures {
  transactionsPerDossier: number;
  standalonePerDossier: number;
  statementsPerDossier: number;
}

export function sqlFigures(s: DbStats, dossiers: number): SqlFigures {
  const per = (n: number) => Number((n / Math.max(1, dossiers)).toFixed(2));
  return { transactionsPerDossier: per(s.transactions), standalonePerDossier: per(s.standalone), statementsPerDossier: per(s.statements) };
}

export function formatSqlStats(s: DbStats, dossiers: number, top = 80): string {
  const f = sqlFigures(s, dossiers);
  const lines = [
    `SQL per dossier: ${f.statementsPerDossier} statements, ${f.transactionsPerDossier} transactions, ${f.standalonePerDossier} statements outside one`,
    'statements by calls per dossier, with the mean wait for each (queueing for the one PGlite session included) and rows returned:',
  ];
  const rows = [...s.bySql.values()].sort((a, b) => b.calls - a.calls).slice(0, top);
  for (const r of rows)
    lines.push(`  ${(r.calls / Math.max(1, dossiers)).toFixed(2).padStart(6)} ×  ${(r.ms / r.calls).toFixed(2).padStart(7)} ms ${(r.rows / r.calls).toFixed(1).padStart(7)} rows  ${r.sql.slice(0, 140)}`);
  return lines.join('\n');
}
