import type { AuditRecorded } from '../../contracts/messages/audit.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/db.ts';
import type { PartRuntime } from '../messaging/part-runtime.ts';
import type { AuditEvent, AuditRecorder } from './audit-trail.ts';

/** Audit messages concern no dossier (a settings change, a list read): they travel under the nil id. */
export const AUDIT_DOSSIER = '00000000-0000-0000-0000-000000000000';

/**
 * The audit trail of an agency process in distributed mode. The trail lives in the hub's database; the agency's
 * officers' acts (worklist reads and decisions, settings changes, report downloads) are recorded here by writing an
 * `audit.recorded` message into the agency's own outbox, in the transaction of the act — so the act and its record
 * commit together, or neither does. The relay publishes it signed like every message; the hub appends it to the
 * trail once (its inbox dedupes by message id: hub/audit-intake.ts), under the time it happened, and the citizen
 * sees it at `GET /api/v1/me/data-access`.
 *
 * `runtime` is given lazily: the part's runtime is built with its services, which are built with this recorder.
 */
export class OutboxAudit implements AuditRecorder {
  constructor(
    private readonly runtime: () => PartRuntime,
    private readonly clock: Clock,
  ) {}

  async record(tx: Queryable, e: AuditEvent): Promise<void> {
    const a = e.actor;
    if (a.kind !== 'officer' && a.kind !== 'system') throw new Error(`an agency process records acts of its officers and systems, not of a ${a.kind}`);
    const payload: AuditRecorded = {
      at: (e.at ? new Date(e.at) : this.clock.now()).toISOString(),
      actor: a.kind === 'officer' ? { kind: 'officer', username: a.username, agency: a.agency, role: a.role, provinceCode: a.provinceCode } : { kind: 'system', client: a.client, agency: a.agency },
      action: e.action,
      purpose: e.purpose,
      subjectPin: e.subjectPin ?? null,
      resource: e.resource ?? null,
      details: { ...(e.details ?? {}) },
    };
    await this.runtime().sendIn(tx, AUDIT_DOSSIER, 'audit.recorded', 'hub', payload);
  }
}
