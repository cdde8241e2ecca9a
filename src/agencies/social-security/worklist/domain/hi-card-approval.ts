/**
 * The HI card approval path when a province asks for the director's approval (seed 003 step 5a: "the VSS
 * collector checks the file, the director approves the card"; Decision 1351/QD-BHXH 2015 on the issuance of cards,
 * as summarised in the seed). Which role may take which decision in which state: data, so it is tested as a table.
 */
export type HiCardItemStatus = 'to-check' | 'to-approve' | 'awaiting-supplement' | 'approved' | 'refused';
export type WorklistDecision = 'submit-for-approval' | 'approve' | 'refuse' | 'request-supplement';
export type WorklistRole = 'vss-collector' | 'vss-director';

const ALLOWED: Record<WorklistRole, Partial<Record<HiCardItemStatus, readonly WorklistDecision[]>>> = {
  // The collector checks the file: sends it on for approval, refuses it, or asks the citizen for what is missing.
  'vss-collector': { 'to-check': ['submit-for-approval', 'refuse', 'request-supplement'] },
  // The director approves or refuses what the collector sent on; a director may also decide a file still to check.
  'vss-director': { 'to-check': ['approve', 'refuse', 'request-supplement'], 'to-approve': ['approve', 'refuse', 'request-supplement'] },
};

/** The state after `decision`, or null when `role` may not take it in `status`. */
export function nextStatus(role: WorklistRole, status: HiCardItemStatus, decision: WorklistDecision): HiCardItemStatus | null {
  if (!ALLOWED[role][status]?.includes(decision)) return null;
  switch (decision) {
    case 'submit-for-approval':
      return 'to-approve';
    case 'approve':
      return 'approved';
    case 'refuse':
      return 'refused';
    case 'request-supplement':
      return 'awaiting-supplement';
  }
}

/** The items a role works on (its worklist's default filter). */
export const WAITING_FOR: Record<WorklistRole, readonly HiCardItemStatus[]> = {
  'vss-collector': ['to-check'],
  'vss-director': ['to-approve'],
};

export const OPEN_STATUSES: readonly HiCardItemStatus[] = ['to-check', 'to-approve', 'awaiting-supplement'];
