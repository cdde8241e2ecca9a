import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { DeathRegistrationResult } from '../../contracts/death-results.ts';
import { parts, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext, HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { deathStore, type DeathRequest, type MedicalNotice, type Registered } from './death-store.ts';
import { checkDeathNotice, checkDeathRegistration, type DeathFinding } from './domain/death-checks.ts';
import { civilRegistryStore } from './store.ts';

const plain = ({ path, code, reason, reasonVi }: FieldIssue): FieldIssue => ({ path, code, reason, reasonVi });

/** The checks on the request as it stands now (the book may have changed while a notice was awaited). */
async function checksOn(tx: Queryable, r: DeathRequest): Promise<DeathFinding[]> {
  return checkDeathRegistration({
    deceased: r.deceased,
    dateOfDeath: r.death.dateOfDeath as IsoDate,
    declarant: r.declarant.person,
    receivedOn: r.receivedOn as IsoDate,
    alreadyRegistered: await deathStore.isRegistered(tx, r.deceased.pin),
  });
}

/**
 * Enters the death in the commune's death book of the year and issues the extract; the population register is
 * told to mark the person deceased, and the hub gets the extract.
 */
async function register(tx: Queryable, ctx: HandlerContext, id: string, r: DeathRequest, findings: DeathFinding[], notice: MedicalNotice | null): Promise<Registered> {
  const registeredOn = vnDateOf(ctx.now);
  const { year } = parts(registeredOn);
  const c = r.registeringCommune;
  const place = `${c.provinceCode}${c.districtCode ?? ''}${c.communeCode ?? ''}`;
  const book = `${year}/${place}/KT`; // the commune's death book of the year ("Sổ đăng ký khai tử")
  const certificateNumber = `${place}-${year}-KT${String(await civilRegistryStore.nextNumber(tx, book)).padStart(6, '0')}`;
  const late = findings.some((x) => x.code === 'late-registration');
  const registered: Registered = { certificateNumber, book, registeredOn, late, verificationCode: verificationCode() };
  await ctx.send('population.death.recorded', 'population', { registrationId: id, pin: r.deceased.pin, dateOfDeath: r.death.dateOfDeath, certificateNumber, registeredOn });
  const result: DeathRegistrationResult = {
    deceasedPin: r.deceased.pin, dateOfDeath: r.death.dateOfDeath, certificateNumber, book, registeredOn, registeringCommune: c, lateRegistration: late, verificationCode: registered.verificationCode,
    ...(notice ? { medicalNotice: notice } : {}),
  };
  await ctx.send('procedure.completed', 'hub', { procedure: r.procedure, result });
  return registered;
}

export function deathRegistrationHandlers(): HandlerTable {
  return {
    /**
     * Death registration, automatic when no check refuses it (Law on Civil Status 2014 art. 34: registered at once),
     * then the death-certificate extract. A cited health-facility death notice is asked of `health` first, and the
     * registration completes when its answer arrives (the paper notice's place in the file, art. 34.1).
     */
    async 'civil-registry.death-registration.requested'(tx, env, ctx) {
      const r = env.payload as DeathRequest;
      if (await deathStore.existsForDossier(tx, env.dossierId)) return; // already taken: a repeated request changes nothing
      const findings = await checksOn(tx, r);
      const rejects = findings.filter((x) => x.severity === 'reject');
      const base = { id: crypto.randomUUID(), dossierId: env.dossierId, request: r, findings: findings.map(plain), provinceCode: r.registeringCommune.provinceCode, at: ctx.now.toISOString() };
      if (rejects.length) {
        await deathStore.insert(tx, { ...base, status: 'refused' });
        return void (await ctx.send('procedure.rejected', 'hub', { procedure: r.procedure, reasons: rejects.map(plain) }));
      }
      if (r.deathNoticeId) {
        await deathStore.insert(tx, { ...base, status: 'awaiting-notice' });
        return void (await ctx.send('health.death-notice-check.requested', 'health', { requestId: base.id, noticeId: r.deathNoticeId }));
      }
      // One transaction: a second registered death of the same person fails on the unique index, and nothing is sent.
      const registered = await register(tx, ctx, base.id, r, findings, null);
      await deathStore.insert(tx, { ...base, status: 'registered', registered });
    },

    /** `health`'s answer on the cited notice: register with it, or refuse field by field (checks run again: time has passed). */
    async 'health.death-notice-check.completed'(tx, env, ctx) {
      const { requestId, notice } = env.payload as PayloadOf<'health.death-notice-check.completed'>;
      const reg = await deathStore.byId(tx, requestId);
      if (!reg || reg.status !== 'awaiting-notice') return; // answered already
      const r = reg.request;
      const findings = [...(await checksOn(tx, r)), ...checkDeathNotice(notice, { pin: r.deceased.pin, dateOfDeath: r.death.dateOfDeath as IsoDate })];
      const rejects = findings.filter((x) => x.severity === 'reject');
      if (rejects.length) {
        await deathStore.settle(tx, reg.id, { status: 'refused', findings: findings.map(plain) });
        return void (await ctx.send('procedure.rejected', 'hub', { procedure: r.procedure, reasons: rejects.map(plain) }));
      }
      const medicalNotice = { facility: notice!.facilityCode, number: notice!.noticeNumber };
      const registered = await register(tx, ctx, reg.id, r, findings, medicalNotice);
      await deathStore.settle(tx, reg.id, { status: 'registered', findings: findings.map(plain), registered, medicalNotice });
    },
  };
}
