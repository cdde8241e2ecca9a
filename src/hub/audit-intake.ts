import type { PayloadOf } from '../contracts/catalogue.ts';
import { isAgency } from '../contracts/parts.ts';
import type { AuditTrail } from '../platform/audit/audit-trail.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { TerminalError } from '../platform/bus/transport.ts';
import type { HandlerTable } from '../platform/messaging/part-runtime.ts';

/**
 * The hub's side of an agency process's audit (distributed mode; platform/audit/outbox-audit.ts): each
 * `audit.recorded` is appended to the trail, in the transaction that records the message in the hub's inbox — so a
 * redelivered or replayed message (same id) appends nothing more. An agency may report only its own people's acts:
 * an actor of another agency is refused (the message is dead-lettered), so a compromised agency cannot write acts
 * in another's name. Without a trail (a hub built without one) the message is refused too: nothing is lost, it
 * waits in the dead letters.
 */
export function auditIntakeHandlers(trail: Pick<AuditTrail, 'record'> | undefined): HandlerTable {
  return {
    async 'audit.recorded'(tx, env) {
      if (!trail) throw new TerminalError('this hub keeps no audit trail');
      const e = env.payload as PayloadOf<'audit.recorded'>;
      if (e.actor.agency !== env.sender || !isAgency(e.actor.agency)) throw new TerminalError(`${env.sender} may not record an act of ${e.actor.agency}`);
      // The schema has checked the shape; the agency is one of the platform's (above).
      const actor = e.actor as Principal;
      await trail.record(tx, {
        actor,
        action: e.action,
        purpose: e.purpose,
        subjectPin: e.subjectPin,
        resource: e.resource,
        details: e.details,
        at: e.at,
      });
    },
  };
}
