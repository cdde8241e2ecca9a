import { randomInt } from 'node:crypto';
import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import { parts, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import { isProvinceCode3 } from '../../kernel/identifiers/province-codes.ts';
import { makePin } from '../../kernel/identifiers/pin.ts';
import type { HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { matchPerson, notFound } from './domain/person-match.ts';
import { factsOf, populationStore as store } from './store.ts';

const rejected = (path: string, code: string, reason: string, reasonVi: string): FieldIssue => ({ path, code, reason, reasonVi });

/** The population register answers the hub and civil registry; each handler runs in one transaction. */
export function populationHandlers(): HandlerTable {
  return {
    async 'population.verify-people.requested'(tx, env, ctx) {
      const { people } = env.payload as PayloadOf<'population.verify-people.requested'>;
      const found = await store.citizens(tx, people.map((p) => p.pin));
      await ctx.send('population.verify-people.completed', env.sender, {
        people: people.map((p) => {
          const c = found.get(p.pin);
          if (!c) return { path: p.path, pin: p.pin, issues: [notFound(p.path)], person: null };
          return { path: p.path, pin: p.pin, issues: matchPerson(p.path, p, { fullName: c.full_name, dateOfBirth: c.date_of_birth }), person: factsOf(c) };
        }),
      });
    },

    /** Decree 137/2015/ND-CP: a PIN for a newborn at birth registration, PPP G YY RRRRRR. */
    async 'population.pin.requested'(tx, env, ctx) {
      const r = env.payload as PayloadOf<'population.pin.requested'>;
      let pin = await store.pinForRequest(tx, r.requestId);
      if (!pin) {
        if (!isProvinceCode3(r.provinceCode)) throw new Error(`province code ${r.provinceCode} is not a PIN province`);
        const year = parts(r.dateOfBirth as IsoDate).year;
        for (let i = 0; i < 50 && !pin; i++) {
          const candidate = makePin(r.provinceCode, r.sex, year, randomInt(0, 1_000_000));
          if (await store.insertNewborn(tx, { pin: candidate, fullName: r.fullName, sex: r.sex, dateOfBirth: r.dateOfBirth })) pin = candidate;
        }
        if (!pin) throw new Error('no free PIN found after 50 draws');
        await store.recordPinRequest(tx, r.requestId, pin);
      }
      await ctx.send('population.pin.issued', env.sender, { requestId: r.requestId, pin });
    },

    /** Permanent residence of a newborn in a parent's household (Law on Residence 2020 art. 20, 22). */
    async 'population.residence-registration.requested'(tx, env, ctx) {
      const r = env.payload as PayloadOf<'population.residence-registration.requested'>;
      const reject = (reason: FieldIssue) => ctx.send('procedure.rejected', env.sender, { procedure: r.procedure, reasons: [reason] });
      const existing = await store.residenceOf(tx, r.person.pin);
      if (existing) {
        if (existing.dossier_id !== env.dossierId)
          return void (await reject(rejected('declaration.child', 'already-registered', 'The child already has a permanent residence.', 'Trẻ đã được đăng ký thường trú.')));
        return void (await ctx.send('procedure.completed', env.sender, {
          procedure: r.procedure,
          result: { householdId: existing.household_id, registeredOn: existing.registered_on, verificationCode: existing.verification_code },
        }));
      }
      const people = await store.citizens(tx, [r.person.pin, r.householdOfPin]);
      const child = people.get(r.person.pin);
      const parent = people.get(r.householdOfPin);
      if (!child) return void (await reject(rejected('declaration.child', 'not-in-register', 'The child is not in the population register.', 'Trẻ chưa có trong Cơ sở dữ liệu quốc gia về dân cư.')));
      if (!parent?.household_id)
        return void (await reject(
          rejected('declaration.residence.householdOf', 'no-permanent-residence', 'The parent has no permanent residence.', 'Cha/mẹ chưa có nơi thường trú.'),
        ));
      const registeredOn = vnDateOf(ctx.now);
      const code = verificationCode();
      await store.registerResidence(tx, {
        pin: child.pin,
        householdId: parent.household_id,
        dossierId: env.dossierId,
        registeredOn,
        basis: `birth certificate ${r.basis.certificateNumber}`,
        verificationCode: code,
      });
      await ctx.send('procedure.completed', env.sender, {
        procedure: r.procedure,
        result: { householdId: parent.household_id, registeredOn, verificationCode: code },
      });
    },
  };
}
