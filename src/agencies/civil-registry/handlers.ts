import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import { parts, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import { provinceCode3 } from '../../kernel/identifiers/province-codes.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext, HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { checkBirth, duplicateKey } from './domain/birth-checks.ts';
import { civilRegistryStore as store, type BirthRequest, type RegistrationRow } from './store.ts';

const plain = ({ path, code, reason, reasonVi }: FieldIssue): FieldIssue => ({ path, code, reason, reasonVi });

/** Asks the population register for the child's PIN; the registration completes when it arrives. */
export async function requestPin(ctx: HandlerContext, id: string, r: BirthRequest): Promise<void> {
  const province = provinceCode3(r.registeringCommune.provinceCode);
  if (!province) throw new Error(`registering province ${r.registeringCommune.provinceCode} is not a PIN province`);
  await ctx.send('population.pin.requested', 'population', {
    requestId: id,
    fullName: r.child.fullName,
    sex: r.child.sex,
    dateOfBirth: r.child.dateOfBirth,
    provinceCode: province,
    motherPin: r.mother.pin,
    fatherPin: r.father?.pin ?? null,
  });
}

export function civilRegistryHandlers(): HandlerTable {
  return {
    /** Birth registration: automatic when every check passes (Law on Civil Status 2014 art. 16). */
    async 'civil-registry.birth-registration.requested'(tx, env, ctx) {
      const r = env.payload as BirthRequest;
      if (await store.byDossier(tx, env.dossierId)) return; // already taken: a repeated request changes nothing
      const findings = checkBirth({ child: { dateOfBirth: r.child.dateOfBirth as IsoDate }, mother: r.mother, father: r.father, receivedOn: r.receivedOn as IsoDate });
      const key = duplicateKey(r.mother.pin, r.child.dateOfBirth, r.child.fullName);
      if (await store.isRegistered(tx, key))
        findings.push({ severity: 'reject', path: 'declaration.child', code: 'already-registered', reason: 'This child is already registered (same mother, date of birth and name).', reasonVi: 'Trẻ đã được đăng ký khai sinh (trùng mẹ, ngày sinh và họ tên).' });
      const rejects = findings.filter((x) => x.severity === 'reject');
      const status = rejects.length ? 'refused' : findings.length ? 'in-review' : 'awaiting-pin';
      const id = crypto.randomUUID();
      await store.insert(tx, { id, dossierId: env.dossierId, status, request: r, findings: findings.map(plain), duplicateKey: key, provinceCode: r.registeringCommune.provinceCode, at: ctx.now.toISOString() });
      if (status === 'refused') await ctx.send('procedure.rejected', 'hub', { procedure: r.procedure, reasons: rejects.map(plain) });
      else if (status === 'in-review') await ctx.send('procedure.in-review', 'hub', { procedure: r.procedure, reasons: findings.map(plain), since: vnDateOf(ctx.now) });
      else await requestPin(ctx, id, r);
    },

    /** The citizen's answer to an officer's question on a birth in review: back on the officer's worklist, with it, flagged answered. */
    async 'procedure.supplement-provided'(tx, env, ctx) {
      const { procedure, answers } = env.payload as PayloadOf<'procedure.supplement-provided'>;
      const reg = procedure === 'birth-registration' ? await store.byDossier(tx, env.dossierId) : undefined;
      if (reg?.status !== 'awaiting-supplement' || !reg.supplement) return;
      await store.setSupplement(tx, reg.id, 'in-review', { ...reg.supplement, answers, answeredAt: ctx.now.toISOString() });
      await ctx.send('procedure.in-review', 'hub', { procedure, reasons: reg.findings.map(plain), since: vnDateOf(ctx.now) });
    },

    /** Not answered in time: the hub has refused the procedure; the registration is closed as refused. */
    async 'procedure.supplement-expired'(tx, env, ctx) {
      const { procedure, deadline } = env.payload as PayloadOf<'procedure.supplement-expired'>;
      const reg = procedure === 'birth-registration' ? await store.byDossier(tx, env.dossierId) : undefined;
      if (reg?.status !== 'awaiting-supplement') return;
      await store.setStatus(tx, reg.id, 'refused', { by: 'hub', at: ctx.now.toISOString(), note: `supplement not provided by ${deadline}` });
    },

    /** The PIN is back: enter the birth in the book and issue the electronic birth certificate. */
    async 'population.pin.issued'(tx, env, ctx) {
      const { requestId, pin } = env.payload as PayloadOf<'population.pin.issued'>;
      const reg = await store.byId(tx, requestId, true);
      if (!reg || reg.status !== 'awaiting-pin') return;
      await register(tx, ctx, reg, pin);
    },
  };
}

async function register(tx: Queryable, ctx: HandlerContext, reg: RegistrationRow, pin: string): Promise<void> {
  const registeredOn = vnDateOf(ctx.now);
  const { year } = parts(registeredOn);
  const commune = reg.request.registeringCommune;
  const place = `${commune.provinceCode}${commune.districtCode ?? ''}${commune.communeCode ?? ''}`;
  const book = `${year}/${place}`;
  const number = await store.nextNumber(tx, book);
  const certificateNumber = `${place}-${year}-${String(number).padStart(6, '0')}`;
  const code = verificationCode();
  await store.register(tx, reg.id, { pin, certificateNumber, book, registeredOn, verificationCode: code });
  await ctx.send('procedure.completed', 'hub', {
    procedure: 'birth-registration',
    result: { pin, certificateNumber, book, registeredOn, registeringCommune: commune, verificationCode: code },
  });
}
