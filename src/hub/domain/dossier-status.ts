import type { ProcedureStatus } from './procedure-status.ts';

export const DOSSIER_STATUSES = ['processing', 'awaiting-supplement', 'awaiting-payment', 'completed', 'partially-completed', 'rejected'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/**
 * A dossier's status follows from its procedures' (never stored apart from them, so never out of step):
 * a supplement asked for wins; then work still open at an agency; then a payment awaited from the citizen;
 * then the outcome of the finished procedures.
 */
export function dossierStatusOf(procedures: readonly ProcedureStatus[]): DossierStatus {
  if (procedures.includes('awaiting-supplement')) return 'awaiting-supplement';
  if (procedures.some((s) => s === 'pending' || s === 'dispatched')) return 'processing';
  if (procedures.includes('awaiting-payment')) return 'awaiting-payment';
  const completed = procedures.filter((s) => s === 'completed').length;
  if (completed === procedures.length && completed > 0) return 'completed';
  return completed > 0 ? 'partially-completed' : 'rejected';
}
