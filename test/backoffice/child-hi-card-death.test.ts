import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FINAL = new Set(['completed', 'partially-completed', 'rejected']);

/**
 * The child's HI card ends on the child's death (docs/back-office.md; agencies/social-security/domain/hi-card-end.ts):
 * birth → TE1 card → the child's death declared → social security ends the card from the day after the death, says so
 * in its result, and `GET /verify/{code}` answers that the card is no longer valid.
 */
for (const engine of await engines()) {
  describe(`the child's HI card ends on the child's death (${engine})`, () => {
    let t: TestPlatform;
    const mother: Principal = { kind: 'citizen', pin: PEOPLE.mother };
    before(async () => {
      t = await startTestPlatform(engine);
    });
    after(async () => t.close());

    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(mother)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    const finished = (id: string) => eventually(async () => ((d: Json) => (FINAL.has(d.status) ? d : undefined))((await call('GET', `/api/v1/dossiers/${id}`)).json()), `dossier ${id}`);

    test('birth → card → the child dies → VSS ends the card the day after → /verify says it is no longer valid', async () => {
      const birth = await call('POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration() });
      assert.equal(birth.statusCode, 202, birth.body);
      const born = await finished(birth.json().id);
      assert.equal(born.status, 'completed');
      const childPin = born.procedures.find((p: Json) => p.code === 'birth-registration').result.pin as string;
      const card = born.procedures.find((p: Json) => p.code === 'hi-card').result as Json;
      assert.match(card.cardNumber, /^TE135\d{10}$/);
      const code = card.verificationCode as string;
      const before = (await t.p.app.inject({ method: 'GET', url: `/verify/${code}` })).json();
      assert.deepEqual([before.valid, before.status], [true, 'valid'], 'control: valid while the child lives');

      const death = await call('POST', '/api/v1/dossiers', {
        group: 'death',
        declaration: {
          declarant: { pin: PEOPLE.mother, relationship: 'parent' },
          deceased: { pin: childPin, dateOfDeath: '2025-01-23', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness' },
          requests: { residenceDeregistration: false, funeralAllowance: false, survivorBenefit: 'none' },
          relatives: [],
        },
      });
      assert.equal(death.statusCode, 202, death.body);
      const d = await finished(death.json().id);
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures.map((p: Json) => [p.code, p.status, p.reasons])));
      const benefits = d.procedures.find((p: Json) => p.code === 'death-benefits').result as Json;
      assert.deepEqual(benefits.decisions, [], 'no benefit asked, no pension: no decision');
      assert.deepEqual([benefits.hiCard.cardNumber, benefits.hiCard.lastValidDay], [card.cardNumber, '2025-01-23'], 'the card covers the day of death, no later');
      assert.match(benefits.hiCard.legalBasis, /Health Insurance/);
      assert.match(benefits.summary.vi, /hết giá trị từ ngày hôm sau/);

      // Social security's own record: the card ended on the day of death.
      const [row] = await t.p.db.query<{ ended_on: string }>('SELECT ended_on::text AS ended_on FROM social_security.hi_cards WHERE card_number = $1', [card.cardNumber]);
      assert.equal(row!.ended_on, '2025-01-23');

      const after = (await t.p.app.inject({ method: 'GET', url: `/verify/${code}` })).json();
      assert.deepEqual([after.genuine, after.valid, after.status], [true, false, 'ended']);
      assert.match(after.reason.en, /ended on 2025-01-23: its holder has died/);
      assert.match(after.reason.vi, /23\/01\/2025/);

      // A second death dossier for the child ends nothing more (the civil registry refuses it; the card keeps its end).
      const again = await call('POST', '/api/v1/dossiers', {
        group: 'death',
        declaration: {
          declarant: { pin: PEOPLE.mother, relationship: 'parent' },
          deceased: { pin: childPin, dateOfDeath: '2025-01-23', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness' },
          requests: { residenceDeregistration: false, funeralAllowance: false, survivorBenefit: 'none' },
          relatives: [],
        },
      });
      assert.equal(again.statusCode, 202, again.body);
      assert.equal((await finished(again.json().id)).status, 'rejected');
      const [still] = await t.p.db.query<{ ended_on: string }>('SELECT ended_on::text AS ended_on FROM social_security.hi_cards WHERE card_number = $1', [card.cardNumber]);
      assert.equal(still!.ended_on, '2025-01-23');
    });
  });
}
