import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SocialSecurityRuntime } from '../../src/agencies/social-security/payments/runtime.ts';
import { runImport } from '../../src/cli/commands/import.ts';
import { totpCode } from '../../src/identity/domain/totp.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { birthDeclaration, citizens, DEATH, deathDeclaration, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * Privacy (issue 4, item 6; Decree 13/2023/ND-CP on personal data protection, art. 26 — no more personal data than
 * the purpose needs, and logs are no purpose): most of a real run, on PGlite, logged at the most verbose level —
 *  - a citizen signs in through OpenID Connect at the built-in provider (PIN, password, TOTP), views portal pages
 *    and declares a birth through the portal's form;
 *  - births and a death with a bank account through the API, a refused declaration, a failed officer sign-in;
 *  - an officer signs in to the back office and approves a birth in review;
 *  - a voluntary SI registration, paid by an imported bank statement (one line matched, one unmatched);
 *  - a health facility's death notice, corroborating a declared death;
 *  - a population import (with one bad line) —
 * and not one PIN, SI code, HI card number, bank account number or citizen's name in any log line, nor in what the
 * import command prints. The values looked for are those of the run itself, read from its database at the end.
 */
describe('no personal data in the logs of a full run', () => {
  let t: TestPlatform;
  let base: string;
  let dir: string;
  const clock = runningClockFrom(new Date(START));
  const lines: string[] = [];
  const printed: string[] = [];
  before(async () => {
    process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
    process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE = '0';
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(join(tmpdir(), 'lienthong-log-scan-'));
    t = await startTestPlatform('pglite', START, { clock, oidc: { publicUrl: base }, log: makeLogger({ level: 'trace', destination: { write: (l: string) => void lines.push(l) } }) });
    await t.p.app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const bearer = async (who: Principal) => ({ authorization: `Bearer ${await t.token(who)}` });
  const api = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await t.p.app.inject({ method, url, headers: await bearer(who), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const settled = (pin: string, id: string, done: (d: Record<string, any>) => boolean = (d) => d.status && d.status !== 'processing') => // eslint-disable-line @typescript-eslint/no-explicit-any
    eventually(async () => {
      const d = (await api({ kind: 'citizen', pin }, 'GET', `/api/v1/dossiers/${id}`)).body;
      return done(d) ? d : undefined;
    }, `dossier ${id}`);
  const idle = () => eventually(async () => ((await t.p.backlog()) === 0 ? true : undefined), 'the platform idle');

  /** Cookies for this origin, and requests following same-origin redirects by hand, as a browser. */
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function browse(url: string, body?: Record<string, string>): Promise<{ status: number; html: string; location: string }> {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: cookie(), accept: 'text/html', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: new URLSearchParams(body).toString() } : {}),
      });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0]!;
        const k = pair.slice(0, pair.indexOf('='));
        if (/max-age=0/i.test(c)) jar.delete(k);
        else jar.set(k, pair.slice(pair.indexOf('=') + 1));
      }
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) return { status: res.status, html: await res.text(), location: url };
      url = new URL(loc, url).href;
      assert.ok(url.startsWith(base), `stays here: ${url}`);
      body = undefined;
    }
    throw new Error('too many redirects');
  }
  const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!.replace(/&amp;/g, '&');

  test('a full run at trace level writes no PIN, SI code, HI card number, bank account or name', async () => {
    // ——— a citizen signs in through OpenID Connect, browses the portal and declares a birth there ———
    const password = 'mật khẩu của Trần Thị Mai';
    const { totpSecret } = await t.p.identity.createCitizenAccount(PEOPLE.mother, password);
    const login = await browse(`${base}/auth/citizen/sign-in`);
    assert.equal(login.status, 200);
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(login.html)![1]!.replace(/&amp;/g, '&'), base).href;
    const wrong = await browse(action, { _csrf: hidden(login.html, '_csrf'), pin: PEOPLE.mother, password: 'wrong password', totp: totpCode(totpSecret, clock.now()) });
    assert.equal(wrong.status, 401, 'a failed attempt first');
    const signedIn = await browse(action, { _csrf: hidden(wrong.html, '_csrf'), pin: PEOPLE.mother, password, totp: totpCode(totpSecret, clock.now()) });
    assert.equal(signedIn.status, 200, signedIn.html.slice(0, 300));
    assert.ok(jar.has('__Host-lienthong-session'), 'signed in');
    const home = await browse(`${base}/portal`);
    assert.equal(home.status, 200);
    const form = await browse(`${base}/portal/birth`);
    const csrf = hidden(form.html, '_csrf');
    const key = hidden(form.html, '_key');
    const fields = {
      _csrf: csrf, _key: key,
      'child.fullName': 'Lê Minh Cổng', 'child.sex': 'female', 'child.dateOfBirth': '2025-01-22', 'child.placeOfBirth': 'Bệnh viện Đa khoa tỉnh Hà Nam',
      'declarant.relationship': 'mother', 'mother.pin': PEOPLE.mother, 'father.pin': PEOPLE.father,
      'residence.householdOf': 'mother', 'healthInsurance.initialFacilityCode': '35001',
    };
    for (const step of ['0', '1', '2']) assert.equal((await browse(`${base}/portal/birth`, { ...fields, _step: step, _action: 'next' })).status, 200, `step ${step}`);
    const submitted = await browse(`${base}/portal/birth`, { ...fields, _step: '3', _action: 'submit' });
    const portalId = /\/portal\/dossiers\/([0-9a-f-]{36})/.exec(submitted.location)?.[1];
    assert.ok(portalId, `submitted through the portal: ${submitted.status} ${submitted.location}`);
    await settled(PEOPLE.mother, portalId);
    assert.equal((await browse(`${base}/portal/dossiers/${portalId}`)).status, 200);

    // ——— through the API: births (one refused by the checks, one to review in Hà Nội), a death with a bank account, bad input ———
    const mother = { kind: 'citizen', pin: PEOPLE.mother } as const;
    const post = (who: Principal, group: string, declaration: unknown) => api(who, 'POST', '/api/v1/dossiers', { group, declaration });
    const young = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Nhật', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' } });
    delete (young as { father?: unknown }).father;
    // A deceased mother: refused by the hub's checks at the edge, the reason beside the field.
    assert.equal((await post(mother, 'birth', birthDeclaration({ mother: { pin: PEOPLE.deceasedMother } }))).status, 400);
    const ids = {
      refused: (await post(mother, 'birth', birthDeclaration({ father: { pin: PEOPLE.maleMother }, child: { fullName: 'Lê Minh Khước', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }))).body.id as string,
      review: (await post({ kind: 'citizen', pin: PEOPLE.youngMother }, 'birth', young)).body.id as string,
      death: (await post({ kind: 'citizen', pin: DEATH.pensionerWidow }, 'death', deathDeclaration())).body.id as string,
    };
    assert.equal((await post(mother, 'birth', birthDeclaration({ child: { fullName: 'Lê 1', sex: 'x', dateOfBirth: '2999-01-01', placeOfBirth: '' } }))).status, 400);
    await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: PEOPLE.mother, totp: '000000' } });
    await settled(PEOPLE.mother, ids.refused);
    await settled(DEATH.pensionerWidow, ids.death);
    await settled(PEOPLE.youngMother, ids.review, (d) => d.procedures?.[0]?.inReview);

    // ——— an officer signs in to the back office and approves the birth in review ———
    const account = await t.p.identity.createOfficer({ username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }, { kind: 'operator', id: 'log-scan' });
    const officerSecret = new URL(account.totpUri).searchParams.get('secret')!;
    const signInForm = await browse(`${base}/office/sign-in`);
    const office = await browse(`${base}/office/sign-in`, { _csrf: hidden(signInForm.html, '_csrf'), next: '/office/reviews', username: 'cr-hanoi', password: account.initialPassword, totp: totpCode(officerSecret, clock.now()) });
    assert.equal(office.status, 200, office.html.slice(0, 300));
    const reviewId = /id="item-([0-9a-f-]{36})"/.exec(office.html)?.[1] ?? ((await api({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' }, 'GET', '/api/v1/agencies/civil-registry/reviews')).body.items as { id: string; dossierId: string }[]).find((r) => r.dossierId === ids.review)!.id;
    const officeCsrf = hidden(office.html, '_csrf');
    for (const act of ['claim', 'approve']) {
      const r = await browse(`${base}/office/reviews/${reviewId}`, { _csrf: officeCsrf, _action: act, _return: '/office/reviews' });
      assert.equal(r.status, 200, `${act}: ${r.html.slice(0, 300)}`);
      assert.doesNotMatch(r.html, /data-error-code/, `${act} refused`);
    }
    await settled(PEOPLE.youngMother, ids.review);
    assert.equal((await browse(`${base}/office/dossiers/${ids.review}`)).status, 200, 'the officer reads the dossier');

    // ——— voluntary SI: registration, then a bank statement with the payment and a stranger's transfer ———
    const vsi = (await post({ kind: 'citizen', pin: VOLUNTARY.newcomer }, 'voluntary-si', voluntarySiDeclaration())).body.id as string;
    const registered = await settled(VOLUNTARY.newcomer, vsi);
    const payment = registered.procedures[0].result.payment as { reference: string; amountDue?: number };
    const amount = registered.procedures[0].result.contribution.amountDue as number;
    const statement = join(dir, 'statement.csv');
    writeFileSync(
      statement,
      [
        'transaction_id,value_date,amount_vnd,payer_account,payer_name,description',
        `FT25024000001,2025-01-24,${amount},190366668888,Đặng Thị Hồng,${payment.reference} dong BHXH tu nguyen`,
        'FT25024000002,2025-01-24,500000,0451000123456,Nguyễn Văn Chuyển Nhầm,chuyen tien',
      ].join('\r\n') + '\r\n',
    );
    await runImport(t.p.db, 'bank-statement', statement, clock, (s) => void printed.push(s));
    await (t.p.parts.find((x) => x.name === 'social-security') as SocialSecurityRuntime).payments.sweep();
    await settled(VOLUNTARY.newcomer, vsi, (d) => d.status === 'completed');

    // ——— a health facility's death notice, and the death declared with it ———
    const facility: Principal = { kind: 'system', client: 'bv-hanam', agency: 'health', scopes: ['death-notices:submit'] };
    const notice = await api(facility, 'POST', '/api/v1/agencies/health/death-notices', {
      facilityCode: '35001', noticeNumber: 'BT-2025-LOG-1', deceasedPin: DEATH.quietPensioner, dateOfDeath: '2025-01-15', timeOfDeath: '14:30', placeOfDeath: 'Khoa Nội, Bệnh viện Đa khoa tỉnh Hà Nam', causeCategory: 'illness',
    });
    assert.equal(notice.status, 201, JSON.stringify(notice.body));
    const withNotice = await post({ kind: 'citizen', pin: DEATH.quietSon }, 'death', deathDeclaration({
      declarant: { pin: DEATH.quietSon, relationship: 'child' },
      deceased: { pin: DEATH.quietPensioner, dateOfDeath: '2025-01-15', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness', deathNoticeId: notice.body.id },
      requests: { residenceDeregistration: true, funeralAllowance: false, survivorBenefit: 'none' },
      relatives: [],
      payee: undefined,
    }));
    assert.equal(withNotice.status, 202, JSON.stringify(withNotice.body));
    await settled(DEATH.quietSon, withNotice.body.id as string);

    // ——— a population import: a new household and citizen, a changed one, and a bad line ———
    const population = join(dir, 'population.jsonl');
    writeFileSync(
      population,
      [
        { type: 'household', id: 'HH-35-0099', address: { provinceCode: '35', districtCode: '347', communeCode: '13366', line: 'Thôn 99, xã Thanh Phong' }, headPin: '035199000777' },
        { type: 'citizen', pin: '035199000777', fullName: 'Phùng Thị Nhập', sex: 'female', dateOfBirth: '1999-09-09', householdId: 'HH-35-0099', ethnicity: 'Kinh', status: 'alive' },
        { ...citizens.find((c) => c.pin === PEOPLE.noHousehold)!, fullName: 'Vũ Thị Bình An' },
        { type: 'citizen', pin: '035199000778', fullName: 'Phùng Văn Lỗi', sex: 'unknown', dateOfBirth: '1999-13-40', householdId: null, ethnicity: 'Kinh', status: 'alive' },
      ].map((x) => JSON.stringify(x)).join('\n') + '\n',
    );
    const imported = await runImport(t.p.db, 'population', population, clock, (s) => void printed.push(s));
    assert.deepEqual([imported.inserted, imported.bad.length], [2, 1], printed.join('\n'));
    await idle();
    await new Promise((r) => setTimeout(r, 200));

    // ——— what to look for: every PIN, SI code, HI card number and name of the run, and the bank accounts typed ———
    const column = async (sql: string) => (await t.p.db.query<{ v: string }>(sql)).map((r) => r.v).filter(Boolean);
    const pins = await column('SELECT pin AS v FROM population.citizens');
    const names = [...(await column('SELECT full_name AS v FROM population.citizens')), 'Đặng Thị Hồng', 'Nguyễn Văn Chuyển Nhầm', 'Phùng Văn Lỗi', 'Lê Minh Cổng'];
    const siCodes = await column('SELECT si_code AS v FROM social_security.insured');
    const cards = await column('SELECT card_number AS v FROM social_security.hi_cards');
    const accounts = ['0011004321987', '190366668888', '0451000123456'];
    assert.ok(pins.includes('035199000777') && names.includes('Lê Minh Cổng') && cards.length >= 2 && siCodes.length >= 5, 'the run made what the scan looks for');

    // Ids are UUIDs, whose last group is twelve hex digits that are sometimes all decimal: they are no one's PIN.
    const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
    const log = lines.join('').replace(UUID, '<uuid>');
    if (process.env.LOG_SCAN_DUMP) writeFileSync(process.env.LOG_SCAN_DUMP, log); // to read what a run logs
    const out = printed.join('\n').replace(UUID, '<uuid>');
    assert.ok(lines.length > 100, `the run logged (${lines.length} lines)`);
    // The scan covers every part of the run: each is in the log.
    for (const seen of ['"/idp/interaction/:uid/login"', '"/auth/citizen/callback"', '"/portal/birth"', '"/portal/dossiers/:id"', '"/office/sign-in"', '"/office/reviews/:id"', '"/api/v1/agencies/health/death-notices"', '"sender":"social-security"', '"sender":"population"', '"sender":"civil-registry"'])
      assert.ok(log.includes(seen), `the log shows ${seen}`);
    for (const [where, text] of [['the logs', log], ['what the import printed', out]] as const) {
      assert.deepEqual([...text.matchAll(/(?<!\d)\d{12}(?!\d)/g)].map((m) => m[0]), [], `no 12-digit identifier in ${where}`);
      for (const [what, values] of [['PIN', pins], ['SI code', siCodes], ['HI card number', cards], ['bank account', accounts], ['name', names]] as const)
        for (const v of new Set(values)) assert.ok(!text.includes(v), `a ${what} (${v.slice(0, 3)}…) in ${where}: ${text.slice(Math.max(0, text.indexOf(v) - 300), text.indexOf(v) + 100)}`);
      // Names as a bank writes them too: capitals, without the marks.
      for (const n of names) {
        const plain = n.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
        assert.ok(!text.toUpperCase().includes(plain.toUpperCase()), `a name, without its marks, in ${where}`);
      }
    }
  });

  test('the redaction list: personal data and credentials are censored wherever a log object carries them', () => {
    const out: string[] = [];
    const log = makeLogger({ level: 'trace', destination: { write: (l: string) => void out.push(l) } });
    const person = { pin: PEOPLE.mother, fullName: 'Trần Thị Mai', siCode: '3500000123', cardNumber: 'GD4353500000123', bankAccount: { bankBin: '970436', accountNumber: '0011004321987' }, payerName: 'TRAN THI MAI', phone: '0912345678', email: 'mai@example.vn' };
    log.info({ ...person, dossierId: 'd-1' }, 'top level');
    log.info({ declaration: person }, 'a declaration');
    log.info({ message: person, deceasedPin: DEATH.pensioner, subjectPin: PEOPLE.father }, 'one level down');
    log.child({ part: 'hub' }).debug({ req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: '__Host-lienthong-session=s3cr3t' } }, password: 'p@ss', totp: '123456', token: 'abc.def.ghi' }, 'credentials');
    const text = out.join('');
    assert.equal(out.length, 4);
    assert.match(text, /"dossierId":"d-1"/, 'ids stay');
    for (const v of [PEOPLE.mother, PEOPLE.father, DEATH.pensioner, 'Trần Thị Mai', 'TRAN THI MAI', '3500000123', 'GD4353500000123', '0011004321987', '0912345678', 'mai@example.vn', 'abc.def.ghi', 's3cr3t', 'p@ss', '123456'])
      assert.ok(!text.includes(v), `${v.slice(0, 4)}… logged in clear`);
  });
});
