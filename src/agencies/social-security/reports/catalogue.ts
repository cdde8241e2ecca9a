import { c69 } from './c69-hd.ts';
import { c83 } from './c83-hd.ts';
import { childStateBudget } from './child-state-budget.ts';
import { d103 } from './d103-ts.ts';
import { d104 } from './d104-ts.ts';
import { d10a } from './d10a-ts.ts';
import type { ReportDefinition } from './definition.ts';

/** Every report social security produces, by code (docs/reports.md describes each). */
export const REPORTS: readonly ReportDefinition[] = [d103, d10a, d104, c69, c83, childStateBudget];
export const reportByCode = (code: string) => REPORTS.find((r) => r.code === code);
