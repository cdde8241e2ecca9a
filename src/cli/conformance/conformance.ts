import { createServer, type Server } from 'node:http';
import { checkMessage } from '../../contracts/catalogue.ts';
import { makeEnvelope, type Envelope } from '../../contracts/envelope.ts';
import type { AgencyName } from '../../contracts/parts.ts';
import { vnDateOf } from '../../kernel/dates.ts';
import { envelopeProblem, signEnvelope } from '../../platform/signing/envelope-signing.ts';
import type { SigningKey } from '../../platform/signing/keys.ts';
import type { AgencyRegistry } from '../../platform/signing/registry.ts';
import { sampleRequest, type SampleRequest } from './samples.ts';

export interface ConformanceOptions {
  /** The agency system's endpoint (`POST` one envelope). */
  readonly endpoint: string;
  readonly agency: AgencyName;
  /** The kit signs as the hub: the agency system must trust this key (its registry lists it for the hub). */
  readonly hubKey: SigningKey;
  /**
   * The key for a sample another part sends (health's comes from the civil registry): the agency system must trust
   * it for that part. Default: `hubKey` (the CLI is given one key: the sender's).
   */
  readonly senderKey?: SigningKey;
  /** To verify the agency's replies: it must list the agency's public key. */
  readonly registry: AgencyRegistry;
  /** The kit listens here for the agency's callbacks (`POST /api/v1/callbacks`). */
  readonly callbackPort: number;
  readonly request?: SampleRequest;
  /** How long to wait for callbacks after a 202. */
  readonly waitMs?: number;
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Checks an agency system against the HTTP contract (docs/external-agency.md), acting as the platform:
 * a valid request is answered (now, or later by a signed callback) with correctly signed replies of the
 * catalogue's types, caused by the request; the same request again changes nothing; an unsigned, a
 * forged, and a not-permitted message are refused; a body that is no envelope is refused.
 */
export async function runConformance(o: ConformanceOptions): Promise<CheckResult[]> {
  const callbacks: Envelope[] = [];
  const server = await listen(o.callbackPort, (body) => {
    const msgs = (body as { messages?: Envelope[] })?.messages;
    if (!Array.isArray(msgs)) return 400;
    for (const m of msgs) if (envelopeProblem(m, o.registry, m.recipient, new Date()) !== null) return 401;
    callbacks.push(...msgs);
    return 200;
  });
  const results: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });
  try {
    const today = vnDateOf(new Date());
    const sample = o.request ?? sampleRequest(o.agency, today);
    const sender = sample.sender ?? 'hub';
    const senderKey = sender === 'hub' ? o.hubKey : (o.senderKey ?? o.hubKey);
    const request = signEnvelope(
      makeEnvelope({ type: sample.type, sender, recipient: o.agency, dossierId: crypto.randomUUID(), causationId: null, time: new Date().toISOString(), payload: sample.payload }),
      senderKey,
    );
    const post = async (body: unknown, id: string) => {
      const res = await fetch(o.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': id }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json };
    };
    const repliesTo = async (answer: { status: number; json: unknown }): Promise<Envelope[]> => {
      const now = (answer.json as { messages?: Envelope[] } | null)?.messages;
      if ((answer.status === 200 || answer.status === 400) && Array.isArray(now)) return now;
      const until = Date.now() + (o.waitMs ?? 10_000);
      while (Date.now() < until && !callbacks.some((c) => c.causationId === request.id)) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300)); // the rest of a burst
      return callbacks.filter((c) => c.causationId === request.id);
    };

    // 1. A valid request.
    const first = await post(request, request.id);
    check('a valid request is accepted (200, 400 with replies, or 202)', [200, 202, 400].includes(first.status), `answered ${first.status}`);
    const replies = await repliesTo(first);
    check('the agency replies, now or by callback', replies.length > 0, `${replies.length} reply(ies)`);
    for (const r of replies) {
      const sig = envelopeProblem(r, o.registry, r.recipient, new Date());
      check(`reply ${r.type}: signed by ${o.agency} with a registered key`, r.sender === o.agency && sig === null, sig ?? `sender ${r.sender}`);
      const schema = checkMessage(r.type, r.sender, r.recipient, r.payload);
      check(`reply ${r.type}: a catalogue type with a valid payload`, schema === null, schema ?? 'valid');
      check(`reply ${r.type}: caused by the request, in its dossier`, r.causationId === request.id && r.dossierId === request.dossierId, `causation ${r.causationId}`);
    }

    // 2. The same request again: nothing new.
    const seen = new Set(callbacks.map((c) => c.id));
    const again = await post(request, request.id);
    await new Promise((r) => setTimeout(r, 1500));
    const repeatedNow = (again.json as { messages?: Envelope[] } | null)?.messages ?? [];
    const newIds = [...callbacks.filter((c) => !seen.has(c.id)).map((c) => c.id), ...repeatedNow.map((m) => m.id).filter((id) => !replies.some((r) => r.id === id))];
    check('the same request again is answered without a new effect', [200, 202, 400, 409].includes(again.status) && newIds.length === 0, `answered ${again.status}; ${newIds.length} new reply(ies)`);

    // 3–6. What must be refused.
    const fresh = () => makeEnvelope({ type: sample.type, sender, recipient: o.agency, dossierId: crypto.randomUUID(), causationId: null, time: new Date().toISOString(), payload: sample.payload });
    const unsigned = fresh();
    check('an unsigned message is refused (401/403)', [401, 403].includes((await post(unsigned, unsigned.id)).status), 'unsigned');
    const signed = signEnvelope(fresh(), senderKey);
    const tampered = { ...signed, dossierId: crypto.randomUUID() };
    check('a message altered after signing is refused (401/403)', [401, 403].includes((await post(tampered, tampered.id)).status), 'tampered');
    const notPermitted = signEnvelope(makeEnvelope({ type: 'procedure.completed', sender: 'hub', recipient: o.agency, dossierId: crypto.randomUUID(), causationId: null, time: new Date().toISOString(), payload: { procedure: 'x', result: {} } }), o.hubKey);
    const np = await post(notPermitted, notPermitted.id);
    check('a type the sender may not send is refused (400/401/403)', [400, 401, 403].includes(np.status), `answered ${np.status}`);
    const bad = await post({ hello: 'world' }, crypto.randomUUID());
    check('a body that is not an envelope is refused (400)', bad.status === 400, `answered ${bad.status}`);
  } catch (e) {
    check('the agency system answers', false, e instanceof Error ? e.message : String(e));
  } finally {
    await new Promise((r) => server.close(r));
  }
  return results;
}

function listen(port: number, onBody: (body: unknown) => number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((req, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => {
        let status = 400;
        try {
          status = req.method === 'POST' && req.url === '/api/v1/callbacks' ? onBody(JSON.parse(data)) : 404;
        } catch {
          status = 400;
        }
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
      });
    });
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
