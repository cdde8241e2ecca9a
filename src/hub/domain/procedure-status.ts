/** A procedure's life inside a dossier, as a table (OpenCRVS' availableActions is the model). */
export const PROCEDURE_STATUSES = ['pending', 'dispatched', 'completed', 'rejected', 'awaiting-supplement', 'awaiting-payment', 'cancelled'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/**
 * `awaiting-supplement` and `awaiting-payment` both wait on the citizen, under the citizen's own deadline: an answer
 * sends the procedure back to its agency; a payment lets the agency complete it (or, unpaid by the last day, reject it).
 */
export const PROCEDURE_TRANSITIONS = {
  pending: ['dispatched', 'cancelled'],
  dispatched: ['completed', 'rejected', 'awaiting-supplement', 'awaiting-payment', 'cancelled'],
  'awaiting-supplement': ['dispatched', 'rejected', 'cancelled'],
  'awaiting-payment': ['completed', 'rejected', 'cancelled'],
  completed: [],
  rejected: [],
  cancelled: [],
} as const satisfies Record<ProcedureStatus, readonly ProcedureStatus[]>;

export function canMove(from: ProcedureStatus, to: ProcedureStatus): boolean {
  return (PROCEDURE_TRANSITIONS[from] as readonly ProcedureStatus[]).includes(to);
}

export function isFinal(s: ProcedureStatus): boolean {
  return PROCEDURE_TRANSITIONS[s].length === 0;
}
