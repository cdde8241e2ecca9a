import type { FieldIssue } from '../../contracts/common.ts';
import type { DeathRegistrationResult } from '../../contracts/death-results.ts';
import { parts, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { deathStore, type DeathRequest } from './death-store.ts';
import { checkDeathRegistration } from './domain/death-checks.ts';
import { civilRegistryStore } from './store.ts';

const plain = ({ path, code, reason, reasonVi }: FieldIssue): FieldIssue => ({ path, code, reason, reasonVi });

export function deathRegistrationHandlers(): HandlerTable {
  return {
    /**
     * Death registration, automatic when no check refuses it (Law on Civil Status 2014 art. 34: registered at once),
     * then the death-certificate extract; the population register is told to mark the person deceased.
     */
    async 'civil-registry.death-registration.requested'(tx, env, ctx) {
      const r = env.payload as DeathRequest;
      if (await deathStore.existsForDossier(tx, env.dossierId)) return; // already taken: a repeated request changes nothing
      const findings = checkDeathRegistration({
        deceased: r.deceased,
        dateOfDeath: r.death.dateOfDeath as IsoDate,
        declarant: r.declarant.person,
        receivedOn: r.receivedOn as IsoDate,
        alreadyRegistered: await deathStore.isRegistered(tx, r.deceased.pin),
      });
      const rejects = findings.filter((x) => x.severity === 'reject');
      const base = { id: crypto.randomUUID(), dossierId: env.dossierId, request: r, findings: findings.map(plain), provinceCode: r.registeringCommune.provinceCode, at: ctx.now.toISOString() };
      if (rejects.length) {
        await deathStore.insert(tx, { ...base, status: 'refused' });
        return void (await ctx.send('procedure.rejected', env.sender, { procedure: r.procedure, reasons: rejects.map(plain) }));
      }
      const registeredOn = vnDateOf(ctx.now);
      const { year } = parts(registeredOn);
      const c = r.registeringCommune;
      const place = `${c.provinceCode}${c.districtCode ?? ''}${c.communeCode ?? ''}`;
      const book = `${year}/${place}/KT`; // the commune's death book of the year ("Sổ đăng ký khai tử")
      const certificateNumber = `${place}-${year}-KT${String(await civilRegistryStore.nextNumber(tx, book)).padStart(6, '0')}`;
      const late = findings.some((x) => x.code === 'late-registration');
      const code = verificationCode();
      await deathStore.insert(tx, { ...base, status: 'registered', registered: { certificateNumber, book, registeredOn, late, verificationCode: code } });
      await ctx.send('population.death.recorded', 'population', { registrationId: base.id, pin: r.deceased.pin, dateOfDeath: r.death.dateOfDeath, certificateNumber, registeredOn });
      const result: DeathRegistrationResult = {
        deceasedPin: r.deceased.pin, dateOfDeath: r.death.dateOfDeath, certificateNumber, book, registeredOn, registeringCommune: c, lateRegistration: late, verificationCode: code,
      };
      await ctx.send('procedure.completed', env.sender, { procedure: r.procedure, result });
    },
  };
}
