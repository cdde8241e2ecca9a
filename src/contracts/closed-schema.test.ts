import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessage, MESSAGE_TYPES } from './catalogue.ts';
import { SENSITIVE_MESSAGE_FIELDS } from './sensitive-fields.ts';
import { closedSchema } from './closed-schema.ts';

/** Objects in message schemas that are open on purpose, and why. Anything else open is a minimisation leak. */
// A result is checked by the hub against its procedure's own schema (PROCEDURE_RESULTS / PROCEDURE_PAYMENT_RESULTS).
// An audit event's details are the acting part's own record of the act (before → after, reason), kept as given.
const OPEN_BY_DESIGN = new Set(['procedure.completed:/result', 'procedure.awaiting-payment:/result', 'procedure.supplement-provided:/answers', 'audit.recorded:/details']);

function openObjects(s: any, at: string, out: string[]): string[] {
  if (Array.isArray(s)) s.forEach((x, i) => openObjects(x, `${at}[${i}]`, out));
  else if (s && typeof s === 'object') {
    if (s.type === 'object' && s.additionalProperties !== false) out.push(at || '/');
    for (const [k, v] of Object.entries(s)) if (k !== 'additionalProperties') openObjects(v, k === 'properties' ? at : k === 'items' || k === 'anyOf' ? at : `${at}/${k}`, out);
  }
  return out;
}

test('every message schema, once closed, admits no field it does not declare (except the maps open by design)', () => {
  for (const [type, spec] of Object.entries(MESSAGE_TYPES)) {
    const open = openObjects(closedSchema(spec.schema), '', []).filter((p) => !OPEN_BY_DESIGN.has(`${type}:${p.replace(/^\/properties/, '')}`));
    assert.deepEqual(open.filter((p) => !p.includes('patternProperties')), [], type);
  }
});

test('a hub that puts a field the recipient does not need into a request is refused before it is sent', () => {
  const request = {
    procedure: 'death-registration',
    deceased: { pin: '035040000011', fullName: 'A', sex: 'male', dateOfBirth: '1940-01-01', address: null },
    death: { dateOfDeath: '2025-01-15', placeOfDeath: 'x', cause: 'illness', bankAccount: { bankBin: '970436', accountNumber: '1' } },
  };
  assert.match(checkMessage('civil-registry.death-registration.requested', 'hub', 'civil-registry', request) ?? '', /death/);
});

test('every sensitive message field names a message type that exists', () => {
  for (const type of Object.keys(SENSITIVE_MESSAGE_FIELDS)) assert.ok(type in MESSAGE_TYPES, type);
});
