import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { PEOPLE } from '../support/fixtures.ts';

const officer = (username: string, role: string, provinceCode: string | null): Principal =>
  ({ kind: 'officer', username, agency: 'social-security', role, provinceCode }) as Principal;
const OPERATOR = officer('it-vss', 'it-operator', null);
const COLLECTOR_A = officer('thu-a', 'vss-collector', '35');
const COLLECTOR_B = officer('thu-b', 'vss-collector', '35');
const DIRECTOR = officer('gd-hanam', 'vss-director', '35');
const COLLECTOR_HANOI = officer('thu-hanoi', 'vss-collector', '01');
const MINUTE = 60_000;

for (const engine of await engines()) {
  describe(`VSS back office: the director's approval of HI cards in a province, with claims (${engine})`, () => {
    let t: TestPlatform;
    // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on to let a claim lapse.
    let shift = 0;
    const tokens = new Map<string, string>();
    before(async () => {
      const running = runningClockFrom(new Date(START));
      t = await startTestPlatform(engine, START, { clock: { now: () => new Date(running.now().getTime() + shift) } });
    });
    after(async () => t.close());

    const as = async (who: Principal) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return { authorization: `Bearer ${tokens.get(key)}` };
    };
    const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: await as(who), ...(payload === undefined ? {} : { payload: payload as object }) });
    const wl = '/api/v1/agencies/social-security/worklist';
    const mother = { kind: 'citizen', pin: PEOPLE.mother } as Principal;
    let births = 0;
    /** A birth in Hà Nam (the mother's commune); its dossier id once the HI card waits on the worklist. */
    const birthWaiting = async () => {
      births += 1;
      const res = await call(mother, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration({ child: { fullName: `Lê Minh ${['An', 'Bình', 'Cường', 'Dũng', 'Em'][births]}`, sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }) });
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().id as string;
      await eventually(async () => {
        const d = (await call(mother, 'GET', `/api/v1/dossiers/${id}`)).json();
        return d.procedures.find((p: { code: string; inReview: boolean }) => p.code === 'hi-card' && p.inReview) ? d : undefined;
      }, 'the HI card in review');
      const items = (await call(COLLECTOR_A, 'GET', `${wl}?status=open&limit=200`)).json().items as { id: string; dossierId: string }[];
      const item = items.find((i) => i.dossierId === id);
      assert.ok(item, 'the request is on the Hà Nam worklist');
      return { dossierId: id, itemId: item.id };
    };
    const finished = (id: string) =>
      eventually(async () => {
        const d = (await call(mother, 'GET', `/api/v1/dossiers/${id}`)).json();
        return ['completed', 'partially-completed', 'rejected'].includes(d.status) ? d : undefined;
      }, `dossier ${id} to finish`);

    test('an IT operator switches Hà Nam to the director’s approval, with a reason; the change is audited', async () => {
      const url = '/api/v1/agencies/social-security/settings/provinces/35';
      const before = await call(OPERATOR, 'GET', url);
      assert.equal(before.statusCode, 200);
      assert.equal(before.json().hiCardApproval, 'automatic', 'the default');
      const noReason = await call(OPERATOR, 'PUT', url, { hiCardApproval: 'director' });
      assert.equal(noReason.statusCode, 400);
      assert.ok(noReason.json().fields.some((f: { path: string }) => f.path.includes('reason')), noReason.body);
      assert.equal((await call(COLLECTOR_A, 'PUT', url, { hiCardApproval: 'director', reason: 'not mine to set' })).statusCode, 403, 'a collector cannot change settings');
      const put = await call(OPERATOR, 'PUT', url, { hiCardApproval: 'director', reason: 'Quyết định của Giám đốc BHXH tỉnh Hà Nam' });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual([put.json().hiCardApproval, put.json().updatedBy], ['director', 'officer:it-vss']);
      assert.equal((await call(OPERATOR, 'GET', url)).json().hiCardApproval, 'director');
      const [change] = await t.p.db.query<{ changed_by: string; before: unknown; after: unknown; reason: string }>(
        "SELECT changed_by, before, after, reason FROM social_security.settings_changes WHERE province_code = '35'",
      );
      assert.deepEqual(change, { changed_by: 'officer:it-vss', before: { hiCardApproval: 'automatic' }, after: { hiCardApproval: 'director' }, reason: 'Quyết định của Giám đốc BHXH tỉnh Hà Nam' });
      const audited = await t.p.db.query<{ actor_id: string; details: { before: unknown; after: unknown; reason: string } }>("SELECT actor_id, details FROM audit.entries WHERE action = 'config.changed'");
      assert.equal(audited.length, 1);
      assert.equal(audited[0]!.actor_id, 'it-vss');
      assert.deepEqual(audited[0]!.details.after, { hiCardApproval: 'director' });
      // Another province keeps its default.
      assert.equal((await call(OPERATOR, 'GET', '/api/v1/agencies/social-security/settings/provinces/01')).json().hiCardApproval, 'automatic');
    });

    test('a Hà Nam birth waits; A claims, B cannot decide it; A submits; the director approves; the dossier completes with the card', async () => {
      const { dossierId, itemId } = await birthWaiting();
      const waiting = (await call(mother, 'GET', `/api/v1/dossiers/${dossierId}`)).json();
      assert.equal(waiting.procedures.find((p: { code: string }) => p.code === 'hi-card').status, 'dispatched');
      assert.equal(waiting.status, 'processing');
      // Another province's collector neither sees it nor can take it.
      assert.ok(!((await call(COLLECTOR_HANOI, 'GET', `${wl}?status=open`)).json().items as { id: string }[]).some((i) => i.id === itemId));
      assert.equal((await call(COLLECTOR_HANOI, 'POST', `${wl}/${itemId}/claim`)).statusCode, 404);
      // Deciding without a claim: refused.
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'submit-for-approval' })).statusCode, 409);
      const claimed = await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/claim`);
      assert.equal(claimed.statusCode, 200, claimed.body);
      assert.equal(claimed.json().claim.mine, true);
      const other = await call(COLLECTOR_B, 'POST', `${wl}/${itemId}/claim`);
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().fields[0].code, 'claimed-by-another');
      assert.match(other.json().fields[0].reason, /thu-a/);
      const bDecides = await call(COLLECTOR_B, 'POST', `${wl}/${itemId}/decision`, { decision: 'submit-for-approval' });
      assert.equal(bDecides.statusCode, 409);
      assert.equal(bDecides.json().fields[0].code, 'claimed-by-another');
      assert.equal((await call(COLLECTOR_B, 'GET', wl)).json().items.find((i: { id: string }) => i.id === itemId).claim.mine, false);
      // A collector cannot approve: that is the director's.
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'approve' })).statusCode, 409);
      const submitted = await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'submit-for-approval', reason: 'Hồ sơ đầy đủ' });
      assert.deepEqual(submitted.json(), { id: itemId, status: 'to-approve' });
      assert.ok(!((await call(COLLECTOR_A, 'GET', wl)).json().items as { id: string }[]).some((i) => i.id === itemId), 'no longer the collector’s');
      const directorList = (await call(DIRECTOR, 'GET', `${wl}?sort=received`)).json().items as { id: string }[];
      assert.ok(directorList.some((i) => i.id === itemId), 'now the director’s');
      assert.equal((await call(DIRECTOR, 'POST', `${wl}/${itemId}/claim`)).statusCode, 200);
      const approved = await call(DIRECTOR, 'POST', `${wl}/${itemId}/decision`, { decision: 'approve' });
      assert.deepEqual(approved.json(), { id: itemId, status: 'approved' });
      const d = await finished(dossierId);
      assert.equal(d.status, 'completed');
      const card = d.procedures.find((p: { code: string }) => p.code === 'hi-card');
      assert.match(card.result.cardNumber, /^TE135\d{10}$/);
      assert.equal(card.result.validTo, '2031-09-30');
      // Every decision with who, role, when and why.
      const [row] = await t.p.db.query<{ decisions: { decision: string; by: string; role: string; reason: string | null }[] }>('SELECT decisions FROM social_security.worklist_items WHERE id = $1', [itemId]);
      assert.deepEqual(row!.decisions.map((x) => [x.decision, x.by, x.role, x.reason]), [
        ['submit-for-approval', 'officer:thu-a', 'vss-collector', 'Hồ sơ đầy đủ'],
        ['approve', 'officer:gd-hanam', 'vss-director', null],
      ]);
      const audited = await t.p.db.query<{ action: string; actor_id: string }>("SELECT action, actor_id FROM audit.entries WHERE resource = $1 AND action <> 'worklist.read' ORDER BY seq", [`worklist/${itemId}`]);
      assert.deepEqual(audited.map((a) => [a.action, a.actor_id]), [['worklist.submit-for-approval', 'thu-a'], ['worklist.approve', 'gd-hanam']]);
      // Approving again changes nothing: the item is closed.
      assert.equal((await call(DIRECTOR, 'POST', `${wl}/${itemId}/claim`)).statusCode, 409);
    });

    test('a refusal needs a reason and goes back to the hub: the HI card is rejected, the rest of the dossier stands', async () => {
      const { dossierId, itemId } = await birthWaiting();
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/claim`)).statusCode, 200);
      const bare = await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'refuse' });
      assert.equal(bare.statusCode, 400);
      assert.equal(bare.json().fields[0].path, 'reason');
      assert.ok(bare.json().fields[0].reasonVi);
      const refused = await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'refuse', reason: 'The initial facility does not take children.', reasonVi: 'Cơ sở KCB ban đầu không nhận trẻ em.' });
      assert.deepEqual(refused.json(), { id: itemId, status: 'refused' });
      const d = await finished(dossierId);
      const card = d.procedures.find((p: { code: string }) => p.code === 'hi-card');
      assert.equal(card.status, 'rejected');
      assert.equal(card.reasons[0].code, 'refused-by-officer');
      assert.equal(card.reasons[0].reasonVi, 'Cơ sở KCB ban đầu không nhận trẻ em.');
      assert.equal(d.procedures.find((p: { code: string }) => p.code === 'birth-registration').status, 'completed');
    });

    test('a claim lapses after 30 minutes: then another officer may take it, and the first can no longer decide', async () => {
      const { itemId } = await birthWaiting();
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/claim`)).statusCode, 200);
      shift += 29 * MINUTE;
      assert.equal((await call(COLLECTOR_B, 'POST', `${wl}/${itemId}/claim`)).statusCode, 409, 'still held at 29 minutes');
      shift += 2 * MINUTE;
      const taken = await call(COLLECTOR_B, 'POST', `${wl}/${itemId}/claim`);
      assert.equal(taken.statusCode, 200, taken.body);
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'submit-for-approval' })).statusCode, 409, 'A’s claim has lapsed and B holds it');
      // B gives it back; A may take it again.
      assert.equal((await call(COLLECTOR_B, 'POST', `${wl}/${itemId}/release`)).statusCode, 200);
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/claim`)).statusCode, 200);
      const mine = (await call(COLLECTOR_A, 'GET', `${wl}?status=mine`)).json().items as { id: string }[];
      assert.deepEqual(mine.map((i) => i.id), [itemId]);
    });

    test('a supplement request goes to the citizen through the hub; the answer brings the item back to check', async () => {
      const { dossierId, itemId } = await birthWaiting();
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/claim`)).statusCode, 200);
      assert.equal((await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'request-supplement' })).statusCode, 400, 'which fields?');
      const ask = await call(COLLECTOR_A, 'POST', `${wl}/${itemId}/decision`, { decision: 'request-supplement', fields: [{ path: 'declaration.healthInsurance.initialFacilityCode', reason: 'Confirm the initial facility.', reasonVi: 'Xác nhận cơ sở KCB ban đầu.' }] });
      assert.deepEqual(ask.json(), { id: itemId, status: 'awaiting-supplement' });
      const waiting = await eventually(async () => {
        const d = (await call(mother, 'GET', `/api/v1/dossiers/${dossierId}`)).json();
        return d.status === 'awaiting-supplement' ? d : undefined;
      }, 'the dossier awaiting the supplement');
      assert.equal(waiting.procedures.find((p: { code: string }) => p.code === 'hi-card').status, 'awaiting-supplement');
      const answer = await call(mother, 'POST', `/api/v1/dossiers/${dossierId}/supplements`, { procedure: 'hi-card', answers: { 'declaration.healthInsurance.initialFacilityCode': '35001' } });
      assert.equal(answer.statusCode, 202, answer.body);
      const back = await eventually(async () => {
        const items = (await call(COLLECTOR_B, 'GET', wl)).json().items as { id: string; status: string; supplement: { answers: unknown } | null }[];
        return items.find((i) => i.id === itemId);
      }, 'the item back to check');
      assert.equal(back.status, 'to-check');
      assert.deepEqual(back.supplement?.answers, { 'declaration.healthInsurance.initialFacilityCode': '35001' });
      await eventually(async () => ((await call(mother, 'GET', `/api/v1/dossiers/${dossierId}`)).json().procedures.find((p: { code: string; inReview: boolean }) => p.code === 'hi-card' && p.inReview) ? true : undefined), 'in review again');
    });

    test('back to automatic: a new birth gets its card without an officer', async () => {
      const put = await call(OPERATOR, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval: 'automatic', reason: 'back to automatic issuance' });
      assert.equal(put.statusCode, 200);
      const res = await call(mother, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration({ child: { fullName: 'Lê Minh Tự Động', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }) });
      const d = await finished(res.json().id);
      assert.equal(d.status, 'completed');
    });
  });
}
