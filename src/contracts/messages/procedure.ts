import Type from 'typebox';
import { FieldIssueSchema, IsoDateSchema } from '../common.ts';

const ProcedureRef = { procedure: Type.String() };

/** agency → hub: the procedure is done; `result` matches PROCEDURE_RESULTS[procedure]. */
export const ProcedureCompleted = Type.Object({ ...ProcedureRef, result: Type.Record(Type.String(), Type.Unknown()) });

/**
 * agency → hub: the agency has done its part and the procedure now waits for the citizen's payment (e.g. a voluntary
 * SI contribution). `result` is the interim result the citizen sees meanwhile (PROCEDURE_PAYMENT_RESULTS[procedure]:
 * what is due and how to pay it). The procedure's deadline becomes the payment's last day: the time the citizen
 * takes to pay is not the agency's. It ends with `procedure.completed` once paid, or `procedure.rejected` if unpaid.
 */
export const ProcedureAwaitingPayment = Type.Object({
  ...ProcedureRef,
  payment: Type.Object({
    amountDue: Type.Integer({ minimum: 1, description: 'whole VND' }),
    dueBy: IsoDateSchema,
    reference: Type.String({ pattern: '^[A-Z0-9]{1,25}$', description: 'the reference the transfer must carry' }),
  }),
  result: Type.Record(Type.String(), Type.Unknown()),
});

/** agency → hub: refused, with the reasons field by field. */
export const ProcedureRejected = Type.Object({ ...ProcedureRef, reasons: Type.Array(FieldIssueSchema, { minItems: 1 }) });

/**
 * agency → hub: the agency needs more from the citizen (answer within 7 working days, Decree 63/2024).
 * Each field's `path` is the key the citizen answers under in `POST /api/v1/dossiers/{id}/supplements`.
 */
export const SupplementRequested = Type.Object({ ...ProcedureRef, fields: Type.Array(FieldIssueSchema, { minItems: 1 }) });

/** agency → hub: taken by an officer for manual review; the procedure's clock keeps running. */
export const ProcedureInReview = Type.Object({ ...ProcedureRef, reasons: Type.Array(FieldIssueSchema), since: IsoDateSchema });

/** hub → agency: the citizen's answer to a supplement request, one entry per field path asked for. */
export const SupplementProvided = Type.Object({ ...ProcedureRef, answers: Type.Record(Type.String(), Type.Unknown()) });

/**
 * hub → agency: the citizen did not answer a supplement request in time (7 working days, Decree 63/2024);
 * the hub has refused the procedure, and the agency closes its file.
 */
export const SupplementExpired = Type.Object({ ...ProcedureRef, deadline: IsoDateSchema });
