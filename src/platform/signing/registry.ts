import type { KeyObject } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { MESSAGE_TYPES, type MessageType } from '../../contracts/catalogue.ts';
import { PARTS, type PartName } from '../../contracts/parts.ts';
import { publicKeyFrom } from './keys.ts';

const KeySchema = Type.Object(
  {
    keyId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    publicKey: Type.String({ minLength: 40, description: 'Ed25519 public key, base64 SPKI DER' }),
    /** A rotation's overlap: the old key until `notAfter`, the new one from `notBefore`. */
    notBefore: Type.Optional(Type.String({ format: 'date-time' })),
    notAfter: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

/**
 * The agency registry as an operator writes it (JSON, `LIENTHONG_REGISTRY`): each part's public keys,
 * optionally the message types it may send and receive (narrowing the catalogue; never widening it),
 * and, for an external system, its HTTP endpoint.
 */
export const RegistryDocument = Type.Object(
  {
    parts: Type.Record(
      Type.String(),
      Type.Object(
        {
          keys: Type.Array(KeySchema, { minItems: 1 }),
          sends: Type.Optional(Type.Array(Type.String())),
          receives: Type.Optional(Type.Array(Type.String())),
          endpoint: Type.Optional(Type.String({ format: 'uri' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RegistryDocument = Static<typeof RegistryDocument>;

interface PartEntry {
  readonly keys: ReadonlyMap<string, { key: KeyObject; notBefore: number; notAfter: number }>;
  readonly sends: ReadonlySet<string>;
  readonly receives: ReadonlySet<string>;
  readonly endpoint: string | undefined;
}

const check = Compile(RegistryDocument);

/** Who exists, their keys, and what each may send and receive. Deny by default: an unlisted part has no rights. */
export class AgencyRegistry {
  private constructor(private readonly parts: ReadonlyMap<PartName, PartEntry>) {}

  static from(doc: unknown): AgencyRegistry {
    if (!check.Check(doc)) {
      const e = [...check.Errors(doc)][0];
      throw new Error(`agency registry invalid at ${e?.instancePath || '/'}: ${e?.message}`);
    }
    const parts = new Map<PartName, PartEntry>();
    for (const [name, p] of Object.entries(doc.parts)) {
      if (!(PARTS as readonly string[]).includes(name)) throw new Error(`agency registry: unknown part ${name}`);
      const part = name as PartName;
      const catalogueSends = typesWhere((s) => (s.from as readonly string[]).includes(part));
      const catalogueReceives = typesWhere((s) => (s.to as readonly string[]).includes(part));
      const narrow = (listed: string[] | undefined, allowed: string[], what: string) => {
        if (!listed) return new Set(allowed);
        const wrong = listed.filter((t) => !allowed.includes(t));
        if (wrong.length) throw new Error(`agency registry: ${name} may not ${what} ${wrong.join(', ')} (not in the catalogue)`);
        return new Set(listed);
      };
      const keys = new Map<string, { key: KeyObject; notBefore: number; notAfter: number }>();
      for (const k of p.keys) {
        keys.set(k.keyId, {
          key: publicKeyFrom(k.publicKey),
          notBefore: k.notBefore ? Date.parse(k.notBefore) : -Infinity,
          notAfter: k.notAfter ? Date.parse(k.notAfter) : Infinity,
        });
      }
      parts.set(part, { keys, sends: narrow(p.sends, catalogueSends, 'send'), receives: narrow(p.receives, catalogueReceives, 'receive'), endpoint: p.endpoint });
    }
    return new AgencyRegistry(parts);
  }

  /** The public key a signature names, if it is valid at `at`. */
  keyOf(part: PartName, keyId: string, at: Date): KeyObject | undefined {
    const k = this.parts.get(part)?.keys.get(keyId);
    if (!k) return undefined;
    const t = at.getTime();
    return t >= k.notBefore && t <= k.notAfter ? k.key : undefined;
  }

  knows(part: PartName): boolean {
    return this.parts.has(part);
  }

  maySend(part: PartName, type: string): boolean {
    return this.parts.get(part)?.sends.has(type) ?? false;
  }

  mayReceive(part: PartName, type: string): boolean {
    return this.parts.get(part)?.receives.has(type) ?? false;
  }

  endpointOf(part: PartName): string | undefined {
    return this.parts.get(part)?.endpoint;
  }
}

function typesWhere(pred: (s: (typeof MESSAGE_TYPES)[MessageType]) => boolean): string[] {
  return (Object.keys(MESSAGE_TYPES) as MessageType[]).filter((t) => pred(MESSAGE_TYPES[t]));
}
