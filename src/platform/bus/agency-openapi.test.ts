import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { agencyContractOpenApi } from './agency-openapi.ts';
import { actionFor } from './agency-http-contract.ts';

test('docs/external-agency.openapi.json is the contract the code implements (regenerate: npm run -s lienthong -- contract)', () => {
  const documented = JSON.parse(readFileSync(new URL('../../../docs/external-agency.openapi.json', import.meta.url), 'utf8'));
  assert.deepEqual(documented, JSON.parse(JSON.stringify(agencyContractOpenApi())));
});

// What the platform does with each answer of an agency system (docs/external-agency.md).
for (const [status, hasMessages, action] of [
  [200, true, 'publish-replies'],
  [400, true, 'publish-replies'],
  [200, false, 'ack'],
  [202, false, 'ack'],
  [409, false, 'ack'],
  [400, false, 'dead-letter'],
  [401, false, 'dead-letter'],
  [403, false, 'dead-letter'],
  [404, false, 'dead-letter'],
  [429, false, 'retry'],
  [500, false, 'retry'],
  [503, false, 'retry'],
  [302, false, 'retry'],
] as const) {
  test(`an answer ${status}${hasMessages ? ' with replies' : ''} → ${action}`, () => assert.equal(actionFor(status, hasMessages), action));
}
