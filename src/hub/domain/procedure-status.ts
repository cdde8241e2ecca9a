/** A procedure's life inside a dossier, as a table (OpenCRVS' availableActions is the model). */
export const PROCEDURE_STATUSES = ['pending', 'dispatched', 'completed', 'rejected', 'awaiting-supplement', 'cancelled'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

export const PROCEDURE_TRANSITIONS = {
  pending: ['dispatched', 'cancelled'],
  dispatched: ['completed', 'rejected', 'awaiting-supplement', 'cancelled'],
  'awaiting-supplement': ['dispatched', 'rejected', 'cancelled'],
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
