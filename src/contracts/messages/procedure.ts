import Type from 'typebox';
import { FieldIssueSchema, IsoDateSchema } from '../common.ts';

const ProcedureRef = { procedure: Type.String() };

/** agency → hub: the procedure is done; `result` matches PROCEDURE_RESULTS[procedure]. */
export const ProcedureCompleted = Type.Object({ ...ProcedureRef, result: Type.Record(Type.String(), Type.Unknown()) });

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
