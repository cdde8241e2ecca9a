import type { FieldIssue } from '../contracts/common.ts';
import { compareDates, isoDate, type IsoDate } from '../kernel/dates.ts';
import type { GroupDefinition } from './groups/group.ts';
import type { DossierHeadRow, HistoryRow, ProcedureRow } from './store.ts';

export interface ProcedureView {
  code: string;
  title: { vi: string; en: string };
  agency: string;
  status: string;
  inReview: boolean;
  deadline: string | null;
  overdue: boolean;
  dispatchedAt: string | null;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
  reason: string | null;
  reasons: FieldIssue[];
}

export interface DossierView {
  id: string;
  group: string;
  status: string;
  submittedAt: string;
  deadline: string;
  finishedAt: string | null;
  reasons: FieldIssue[];
  procedures: ProcedureView[];
  /** The group's procedures the citizen did not ask for: never started, and not part of the dossier's status. */
  notRequested: { code: string; title: { vi: string; en: string }; agency: string }[];
  history: { at: string; procedure: string | null; status: string; note: string | null }[];
}

/** The dossier as the citizen and officers see it: each procedure with its agency, deadline and result. */
export function dossierView(d: DossierHeadRow, procs: ProcedureRow[], history: HistoryRow[], group: GroupDefinition<unknown>, today: IsoDate): DossierView {
  return {
    id: d.id,
    group: d.group_code,
    status: d.status,
    submittedAt: d.submitted_at,
    deadline: d.deadline,
    finishedAt: d.finished_at,
    reasons: d.reasons,
    procedures: procs.map((p) => ({
      code: p.code,
      title: group.procedures.find((x) => x.code === p.code)?.title ?? { vi: p.code, en: p.code },
      agency: p.agency,
      status: p.status,
      inReview: p.in_review,
      deadline: p.deadline,
      overdue: !!p.deadline && !p.finished_at && compareDates(isoDate(p.deadline), today) < 0,
      dispatchedAt: p.dispatched_at,
      finishedAt: p.finished_at,
      result: p.result,
      reason: p.reasons[0]?.reason ?? null,
      reasons: p.reasons,
    })),
    notRequested: group.procedures.filter((g) => !procs.some((p) => p.code === g.code)).map((g) => ({ code: g.code, title: g.title, agency: g.agency })),
    history: history.map((h) => ({ at: h.at, procedure: h.procedure, status: h.status, note: h.note })),
  };
}
