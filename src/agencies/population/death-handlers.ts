import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { ResidenceDeregistrationResult } from '../../contracts/death-results.ts';
import { vnDateOf } from '../../kernel/dates.ts';
import type { HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { populationDeathStore as deaths, type DeregistrationRow } from './death-store.ts';
import { populationStore } from './store.ts';

const resultOf = (r: DeregistrationRow): ResidenceDeregistrationResult => ({
  householdId: r.household_id,
  deregisteredOn: r.deregistered_on,
  householdNeedsNewHead: r.household_needs_new_head,
  verificationCode: r.verification_code,
});

/** The population register's side of a death: mark the person deceased; deregister their permanent residence. */
export function populationDeathHandlers(): HandlerTable {
  return {
    /** From the civil registry, once the death is registered (Law on Civil Status 2014 art. 34; Law on Residence 2020 art. 24). */
    async 'population.death.recorded'(tx, env, ctx) {
      const d = env.payload as PayloadOf<'population.death.recorded'>;
      await deaths.recordDeath(tx, { ...d, at: ctx.now.toISOString() });
    },

    /** Permanent residence deleted on a death (Law on Residence 2020 art. 24.1.a), on the death-certificate extract. */
    async 'population.residence-deregistration.requested'(tx, env, ctx) {
      const r = env.payload as PayloadOf<'population.residence-deregistration.requested'>;
      const reject = (path: string, code: string, reason: string, reasonVi: string) =>
        ctx.send('procedure.rejected', env.sender, { procedure: r.procedure, reasons: [{ path, code, reason, reasonVi }] });
      const done = await deaths.deregistrationOf(tx, r.pin);
      if (done) {
        if (done.dossier_id === env.dossierId) return void (await ctx.send('procedure.completed', env.sender, { procedure: r.procedure, result: resultOf(done) }));
        return void (await reject('declaration.deceased.pin', 'already-deregistered', 'This permanent residence was already deregistered.', 'Đã xóa đăng ký thường trú của người này.'));
      }
      const person = (await populationStore.citizens(tx, [r.pin])).get(r.pin);
      if (!person) return void (await reject('declaration.deceased.pin', 'not-in-register', 'The deceased is not in the population register.', 'Người chết không có trong Cơ sở dữ liệu quốc gia về dân cư.'));
      if (!person.household_id)
        return void (await reject('declaration.requests.residenceDeregistration', 'no-permanent-residence', 'The deceased had no permanent residence to deregister.', 'Người chết không có nơi thường trú để xóa đăng ký.'));
      // The extract is the proof of death, whichever of the two messages arrives first.
      await deaths.markDeceased(tx, r.pin, r.basis.dateOfDeath);
      const row: DeregistrationRow = {
        household_id: person.household_id,
        dossier_id: env.dossierId,
        deregistered_on: vnDateOf(ctx.now),
        household_needs_new_head: false,
        verification_code: verificationCode(),
      };
      row.household_needs_new_head = await deaths.deregister(tx, {
        pin: r.pin, householdId: row.household_id, dossierId: env.dossierId, on: row.deregistered_on,
        basis: `death certificate ${r.basis.certificateNumber} of ${r.basis.registeredOn}`, verificationCode: row.verification_code,
      });
      await ctx.send('procedure.completed', env.sender, { procedure: r.procedure, result: resultOf(row) });
    },
  };
}
