import type { Envelope } from '../../contracts/envelope.ts';
import { SENSITIVE_DECLARATION_FIELDS, SENSITIVE_MESSAGE_FIELDS } from '../../contracts/sensitive-fields.ts';
import { openPaths, sealPaths } from './sealed-fields.ts';
import { KeyRing, type SecretBox } from './secret-box.ts';

/**
 * Seals sensitive fields at rest (contracts/sensitive-fields.ts) with keys derived from one data key
 * (LIENTHONG_DATA_KEY, 32 random bytes). One derived key per use: declarations, outbox payloads, and each
 * agency's own columns, so that a key leaked from one use opens nothing else.
 */
export class DataSealer {
  private readonly ring: KeyRing;
  private readonly declarations: SecretBox;
  private readonly outbox: SecretBox;

  constructor(secret: string | Uint8Array) {
    this.ring = new KeyRing(secret, 'lienthong data', 'the data key (LIENTHONG_DATA_KEY)');
    this.declarations = this.ring.box('declarations');
    this.outbox = this.ring.box('outbox');
  }

  /** A box for a part's own sealed columns (e.g. social security's bank accounts). */
  box(purpose: string): SecretBox {
    return this.ring.box(purpose);
  }

  sealDeclaration<T>(group: string, dossierId: string, declaration: T): T {
    return sealPaths(declaration, SENSITIVE_DECLARATION_FIELDS[group] ?? [], this.declarations, `dossier:${dossierId}`);
  }

  openDeclaration<T>(group: string, dossierId: string, declaration: T): T {
    return openPaths(declaration, SENSITIVE_DECLARATION_FIELDS[group] ?? [], this.declarations, `dossier:${dossierId}`);
  }

  /** The envelope as stored in the outbox: its signature still covers the plaintext, restored by `openEnvelope`. */
  sealEnvelope(e: Envelope): Envelope {
    const paths = SENSITIVE_MESSAGE_FIELDS[e.type];
    if (!paths) return e;
    return { ...e, payload: sealPaths(e.payload, paths, this.outbox, `message:${e.id}`) };
  }

  openEnvelope(e: Envelope): Envelope {
    const paths = SENSITIVE_MESSAGE_FIELDS[e.type];
    if (!paths) return e;
    return { ...e, payload: openPaths(e.payload, paths, this.outbox, `message:${e.id}`) };
  }
}
