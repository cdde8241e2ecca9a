import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { HiCardResult } from '../../contracts/procedures.ts';
import { vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import { childHiCardNumber } from '../../kernel/identifiers/hi-card-number.ts';
import { isProvinceCode2, type ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { makeSiCode } from '../../kernel/identifiers/si-code.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext, HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { verificationCode } from '../../platform/verification-code.ts';
import { placeNewborn } from './domain/family-household.ts';
import { hiCardValidityForChild, isUnderSix } from './domain/hi-card-validity.ts';
import { socialSecurityStore as store, type CardRow } from './store.ts';
import { worklistStore } from './worklist/store.ts';

const resultOf = (c: CardRow): HiCardResult => ({
  siCode: c.si_code,
  cardNumber: c.card_number,
  validFrom: c.valid_from,
  validTo: c.valid_to,
  initialFacilityCode: c.initial_facility_code,
  issuedOn: c.issued_on,
  familyHousehold: c.family_household_id,
  ruleVersion: c.rule_version,
  verificationCode: c.verification_code,
});

export function socialSecurityHandlers(): HandlerTable {
  return {
    /**
     * SI code and HI card for a child under 6, automatically from the birth-certificate data
     * (seed 003 steps 3–4; VSS Decisions 976/QD-BHXH 2023, 1449/QD-BHXH 2024), within 2 working days.
     */
    async 'social-security.hi-card.requested'(tx, env, ctx) {
      const r = env.payload as PayloadOf<'social-security.hi-card.requested'>;
      const done = await store.cardForDossier(tx, env.dossierId);
      if (done) return void (await ctx.send('procedure.completed', env.sender, { procedure: r.procedure, result: resultOf(done) }));
      const reject = (path: string, code: string, reason: string, reasonVi: string) =>
        ctx.send('procedure.rejected', env.sender, { procedure: r.procedure, reasons: [{ path, code, reason, reasonVi }] });
      const today = vnDateOf(ctx.now);
      const dob = r.child.dateOfBirth as IsoDate;
      if (!isUnderSix(dob, today))
        return void (await reject('declaration.child.dateOfBirth', 'not-under-six', 'The child is not under 6 years old.', 'Trẻ không dưới 6 tuổi.'));
      if (await store.cardForPin(tx, r.child.pin))
        return void (await reject('declaration.child', 'already-has-card', 'The child already has an HI card.', 'Trẻ đã được cấp thẻ BHYT.'));
      const province = r.certificate.registeringCommune.provinceCode;
      if (!isProvinceCode2(province)) throw new Error(`registering province ${province} is not a province code`);
      // Already on the worklist (a repeated request): the officers' decision will answer it.
      if (await worklistStore.itemForDossier(tx, env.dossierId)) return;
      // Where the province asks for it, the card waits for the collector's check and the director's approval (seed 003 step 5a).
      if ((await worklistStore.settings(tx, province)).hiCardApproval === 'director') {
        await worklistStore.insertItem(tx, { id: crypto.randomUUID(), dossierId: env.dossierId, provinceCode: province, request: r, at: ctx.now.toISOString(), deadline: r.deadline });
        const reason = { path: 'declaration.healthInsurance', code: 'director-approval', reason: 'The province issues HI cards on the director’s approval.', reasonVi: 'Tỉnh cấp thẻ BHYT sau khi Giám đốc phê duyệt.' };
        return void (await ctx.send('procedure.in-review', env.sender as 'hub', { procedure: r.procedure, reasons: [reason], since: today }));
      }
      await issueHiCard(tx, ctx, r, env.dossierId, env.sender as 'hub');
    },
  };
}

/**
 * Issues the card and tells the hub: the automatic path, and the director's approval (worklist/service.ts), alike.
 * The caller has checked the request (under six, no card yet).
 */
export async function issueHiCard(tx: Queryable, ctx: HandlerContext, r: PayloadOf<'social-security.hi-card.requested'>, dossierId: string, recipient: 'hub'): Promise<HiCardResult> {
  const done = await store.cardForDossier(tx, dossierId);
  if (done) {
    await ctx.send('procedure.completed', recipient, { procedure: r.procedure, result: resultOf(done) });
    return resultOf(done);
  }
  const province = r.certificate.registeringCommune.provinceCode;
  if (!isProvinceCode2(province)) throw new Error(`registering province ${province} is not a province code`);
  const today = vnDateOf(ctx.now);
  const dob = r.child.dateOfBirth as IsoDate;
  const { siCode, householdId } = await siCodeFor(tx, r, province);
  const validity = hiCardValidityForChild(dob);
  const card: CardRow = {
    card_number: childHiCardNumber(province, siCode as never),
    si_code: siCode,
    valid_from: validity.validFrom,
    valid_to: validity.validTo,
    initial_facility_code: r.initialFacilityCode,
    issued_on: today,
    rule_version: validity.version,
    verification_code: verificationCode(),
    family_household_id: householdId,
  };
  await store.insertCard(
    tx,
    { cardNumber: card.card_number, pin: r.child.pin, siCode, dossierId, validFrom: card.valid_from, validTo: card.valid_to, facility: card.initial_facility_code, issuedOn: today, deadline: r.deadline, ruleVersion: card.rule_version, verificationCode: card.verification_code },
    { provinceCode: province, districtCode: r.certificate.registeringCommune.districtCode ?? null, communeCode: r.certificate.registeringCommune.communeCode ?? null },
  );
  await ctx.send('procedure.completed', recipient, { procedure: r.procedure, result: resultOf(card) });
  return resultOf(card);
}

/** The child's SI code: the one VSS already holds, or a new one in the family's (or the common) household. */
async function siCodeFor(tx: Queryable, r: PayloadOf<'social-security.hi-card.requested'>, province: ProvinceCode2) {
  const parents = [r.motherPin, ...(r.fatherPin ? [r.fatherPin] : [])];
  const known = await store.insured(tx, [r.child.pin, ...parents]);
  const placement = placeNewborn(
    known.filter((k) => k.pin !== r.child.pin && k.family_household_id && k.kind).map((k) => ({ kind: k.kind!, id: k.family_household_id! })),
    r.certificate.registeringCommune,
  );
  if (placement.kind === 'common') await store.ensureHousehold(tx, placement);
  const child = known.find((k) => k.pin === r.child.pin);
  if (child) {
    await store.setHousehold(tx, child.pin, placement.id);
    return { siCode: child.si_code, householdId: child.family_household_id ?? placement.id };
  }
  for (let i = 0; i < 1000; i++) {
    const siCode = makeSiCode(province, await store.nextSiSerial(tx, province));
    if (await store.insertNewbornInsured(tx, r.child.pin, siCode, placement.id)) return { siCode, householdId: placement.id };
  }
  throw new Error(`no free SI code in province ${province}`);
}
