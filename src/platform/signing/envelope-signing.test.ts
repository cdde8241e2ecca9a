import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeEnvelope, type Envelope } from '../../contracts/envelope.ts';
import { envelopeProblem, signEnvelope } from './envelope-signing.ts';
import { generateSigningKey, privateKeyFrom } from './keys.ts';
import { AgencyRegistry } from './registry.ts';

const hubKey = generateSigningKey('hub-2026');
const crKey = generateSigningKey('cr-2026-a');
const crNext = generateSigningKey('cr-2026-b');
const stranger = generateSigningKey('cr-2026-a'); // same key id, someone else's key
const signer = (k: ReturnType<typeof generateSigningKey>) => ({ keyId: k.keyId, privateKey: privateKeyFrom(k.privateKey) });

// civil-registry rotates: the old key valid until 1 Dec, the new one from 20 Nov; both during the overlap.
const registry = AgencyRegistry.from({
  parts: {
    hub: { keys: [{ keyId: hubKey.keyId, publicKey: hubKey.publicKey }] },
    'civil-registry': {
      keys: [
        { keyId: crKey.keyId, publicKey: crKey.publicKey, notAfter: '2026-12-01T00:00:00Z' },
        { keyId: crNext.keyId, publicKey: crNext.publicKey, notBefore: '2026-11-20T00:00:00Z' },
      ],
    },
    population: { keys: [{ keyId: 'pop', publicKey: generateSigningKey('pop').publicKey }] },
  },
});

const completed = (over: Partial<Envelope> = {}): Envelope =>
  ({
    ...makeEnvelope({
      type: 'procedure.completed',
      sender: 'civil-registry',
      recipient: 'hub',
      dossierId: crypto.randomUUID(),
      causationId: null,
      time: '2026-11-24T03:00:00.000Z',
      payload: { procedure: 'birth-registration', result: { pin: '035225000001' } },
    }),
    ...over,
  }) as Envelope;

const overlap = new Date('2026-11-25T00:00:00Z');
const before = new Date('2026-11-10T00:00:00Z');
const afterOld = new Date('2026-12-02T00:00:00Z');

for (const [name, env, receiver, at, expected] of [
  ['signed by the sender with its current key', signEnvelope(completed(), signer(crKey)), 'hub', overlap, null],
  ['signed with the next key during the overlap', signEnvelope(completed(), signer(crNext)), 'hub', overlap, null],
  ['the next key before its notBefore', signEnvelope(completed(), signer(crNext)), 'hub', before, 'no valid key cr-2026-b for civil-registry'],
  ['the old key after its notAfter', signEnvelope(completed(), signer(crKey)), 'hub', afterOld, 'no valid key cr-2026-a for civil-registry'],
  ['unsigned', completed(), 'hub', overlap, 'unsigned'],
  ['forged: someone else’s key under the sender’s key id', signEnvelope(completed(), signer(stranger)), 'hub', overlap, 'bad signature'],
  ['tampered payload after signing', { ...signEnvelope(completed(), signer(crKey)), payload: { procedure: 'birth-registration', result: { pin: '035225999999' } } }, 'hub', overlap, 'bad signature'],
  ['tampered sender: claims to be population', { ...signEnvelope(completed(), signer(crKey)), sender: 'population' }, 'hub', overlap, 'no valid key cr-2026-a for population'],
  ['unknown sender', signEnvelope(completed({ sender: 'social-security' }), signer(crKey)), 'hub', overlap, 'unknown sender social-security'],
  ['a type the sender may not send', signEnvelope(completed({ type: 'population.verify-people.requested', recipient: 'population' }), signer(crKey)), 'population', overlap, 'civil-registry may not send population.verify-people.requested'],
  ['addressed to another part', signEnvelope(completed(), signer(crKey)), 'population', overlap, 'population does not receive procedure.completed addressed to hub'],
  ['another signature scheme', { ...completed(), signature: 'hmac:x:y' }, 'hub', overlap, 'signature scheme not accepted'],
] as const) {
  test(`envelope check: ${name}`, () => {
    assert.equal(envelopeProblem(env as Envelope, registry, receiver, at), expected);
  });
}

test('a signature survives a JSON round trip with keys in another order', () => {
  const e = signEnvelope(completed(), signer(crKey));
  const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))) as Envelope;
  assert.notEqual(JSON.stringify(reordered), JSON.stringify(e));
  assert.equal(envelopeProblem(reordered, registry, 'hub', overlap), null);
});

test('the registry refuses rights the catalogue does not give, unknown parts, and bad keys', () => {
  const pub = generateSigningKey('k').publicKey;
  assert.throws(() => AgencyRegistry.from({ parts: { population: { keys: [{ keyId: 'k', publicKey: pub }], sends: ['social-security.hi-card.requested'] } } }), /may not send/);
  assert.throws(() => AgencyRegistry.from({ parts: { ministry: { keys: [{ keyId: 'k', publicKey: pub }] } } }), /unknown part/);
  assert.throws(() => AgencyRegistry.from({ parts: { hub: { keys: [] } } }), /invalid/);
  assert.throws(() => AgencyRegistry.from({ parts: { hub: { keys: [{ keyId: 'k', publicKey: Buffer.alloc(44).toString('base64') }] } } }));
});

test('a registry narrowing a part’s rights denies the rest', () => {
  const r = AgencyRegistry.from({
    parts: { 'civil-registry': { keys: [{ keyId: crKey.keyId, publicKey: crKey.publicKey }], sends: ['procedure.rejected'] } },
  });
  assert.equal(r.maySend('civil-registry', 'procedure.rejected'), true);
  assert.equal(r.maySend('civil-registry', 'procedure.completed'), false);
  assert.equal(r.maySend('hub', 'procedure.completed'), false, 'an unlisted part has no rights');
});
