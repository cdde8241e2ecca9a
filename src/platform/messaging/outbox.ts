import type { Envelope } from '../../contracts/envelope.ts';
import type { Queryable } from '../db/db.ts';

/** Writes the message into the sender's outbox inside the caller's transaction. */
export async function enqueue(tx: Queryable, schema: string, e: Envelope): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.outbox (id, type, recipient, dossier_id, envelope, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.id, e.type, e.recipient, e.dossierId, JSON.stringify(e), e.time],
  );
}
