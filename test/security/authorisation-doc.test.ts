import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { authorisationMarkdown } from '../../src/app/authorisation-doc.ts';

test('docs/authorisation.md is the declared policy, route by route (regenerate: npm run -s lienthong -- policies > docs/authorisation.md)', () => {
  assert.equal(readFileSync(new URL('../../docs/authorisation.md', import.meta.url), 'utf8'), authorisationMarkdown());
});
