import type { FieldIssue, PersonFacts } from '../../contracts/common.ts';
import type { DeathDeclaration } from '../../contracts/declarations/death.ts';
import { compareDates, daysBetween, isoDate, type IsoDate } from '../../kernel/dates.ts';
import { issue, type PersonToVerify } from './group.ts';

type D = DeathDeclaration;
type People = Readonly<Record<string, PersonFacts>>;

/**
 * Relatives file for the funeral allowance and survivor benefits within 90 days of the death (Law on SI 2014
 * art. 112). Checked here at the edge so the citizen learns it before submitting; social security, which owns
 * the rule (`checkFilingLimit`), applies it again to what it receives.
 */
export const BENEFIT_FILING_DAYS = 90;

export const asksForMoney = (d: D) => d.requests.funeralAllowance || d.requests.survivorBenefit !== 'none';

/** Rules on the death declaration alone, at the edge (after the schema). */
export function checkDeath(d: D, today: IsoDate): FieldIssue[] {
  const out: FieldIssue[] = [];
  const dod = isoDate(d.deceased.dateOfDeath);
  const future = compareDates(dod, today) > 0;
  if (future) out.push(issue('declaration.deceased.dateOfDeath', 'future-date', 'The date of death is in the future.', 'Ngày chết ở tương lai.'));
  if (d.declarant.pin === d.deceased.pin)
    out.push(issue('declaration.declarant.pin', 'is-the-deceased', 'The declarant is the deceased.', 'Người khai trùng với người chết.'));
  const seen = new Set<string>();
  d.relatives.forEach((r, i) => {
    const path = `declaration.relatives.${i}.pin`;
    if (r.pin === d.deceased.pin) out.push(issue(path, 'is-the-deceased', 'This relative is the deceased.', 'Thân nhân trùng với người chết.'));
    else if (seen.has(r.pin)) out.push(issue(path, 'duplicate', 'This relative is declared twice.', 'Thân nhân được khai hai lần.'));
    seen.add(r.pin);
  });
  if (!future && asksForMoney(d) && daysBetween(dod, today) > BENEFIT_FILING_DAYS) {
    const late = (field: string) =>
      issue(
        `declaration.requests.${field}`,
        'filing-limit-passed',
        `Benefits are claimed within ${BENEFIT_FILING_DAYS} days of the death (Law on SI 2014 art. 112); file this one at the social security office.`,
        `Hồ sơ hưởng trợ cấp phải nộp trong ${BENEFIT_FILING_DAYS} ngày kể từ ngày chết (Luật BHXH 2014 Điều 112); vui lòng nộp trực tiếp tại cơ quan BHXH.`,
      );
    if (d.requests.funeralAllowance) out.push(late('funeralAllowance'));
    if (d.requests.survivorBenefit !== 'none') out.push(late('survivorBenefit'));
  }
  if (d.requests.survivorBenefit !== 'none' && d.relatives.length === 0)
    out.push(issue('declaration.relatives', 'required', 'Name the relatives who claim the survivor benefit.', 'Hãy khai các thân nhân đề nghị hưởng trợ cấp tuất.'));
  if (asksForMoney(d) && !d.payee)
    out.push(issue('declaration.payee', 'required', 'Say who receives the benefits, and the bank account.', 'Hãy khai người nhận trợ cấp và tài khoản ngân hàng.'));
  if (d.payee && d.payee.pin !== d.declarant.pin && !d.relatives.some((r) => r.pin === d.payee!.pin))
    out.push(issue('declaration.payee.pin', 'not-a-party', 'The payee must be the declarant or a declared relative.', 'Người nhận trợ cấp phải là người khai hoặc thân nhân đã khai.'));
  return out;
}

/** Everyone the register must confirm: the deceased (name matched when given), the declarant, relatives, payee. */
export function deathPeopleToVerify(d: D): PersonToVerify[] {
  const people: PersonToVerify[] = [
    { path: 'declaration.deceased', pin: d.deceased.pin, fullName: d.deceased.fullName },
    { path: 'declaration.declarant', pin: d.declarant.pin },
    ...d.relatives.map((r, i) => ({ path: `declaration.relatives.${i}`, pin: r.pin })),
  ];
  if (d.payee && !people.some((p) => p.pin === d.payee!.pin)) people.push({ path: 'declaration.payee', pin: d.payee.pin });
  return people;
}

/** The commune that registers the death: the deceased's last residence, else the declarant's (Law on Civil Status 2014 art. 32). */
export const registeringCommuneOf = (people: People) => people['declaration.deceased']?.address ?? people['declaration.declarant']?.address ?? null;

/** Rules that need the register's facts. The deceased's own status is the civil registry's to judge. */
export function checkDeathVerified(d: D, people: People): FieldIssue[] {
  const out: FieldIssue[] = [];
  const deceased = people['declaration.deceased'];
  if (deceased && compareDates(isoDate(d.deceased.dateOfDeath), isoDate(deceased.dateOfBirth)) < 0)
    out.push(issue('declaration.deceased.dateOfDeath', 'before-birth', 'The date of death is before the date of birth in the register.', 'Ngày chết trước ngày sinh trong Cơ sở dữ liệu quốc gia về dân cư.'));
  const dead = (path: string, who: string, whoVi: string) =>
    issue(path, 'deceased', `The ${who} is recorded as deceased.`, `${whoVi} đã được ghi nhận là đã chết.`);
  if (people['declaration.declarant']?.alive === false) out.push(dead('declaration.declarant.pin', 'declarant', 'Người khai'));
  d.relatives.forEach((_, i) => {
    if (people[`declaration.relatives.${i}`]?.alive === false) out.push(dead(`declaration.relatives.${i}.pin`, 'relative', 'Thân nhân'));
  });
  if (people['declaration.payee']?.alive === false) out.push(dead('declaration.payee.pin', 'payee', 'Người nhận trợ cấp'));
  if (deceased && !registeringCommuneOf(people))
    out.push(
      issue('declaration.deceased.pin', 'no-registering-commune', 'Neither the deceased nor the declarant has a residence to register the death at; register it at the counter.', 'Người chết và người khai đều không có nơi cư trú để đăng ký khai tử; vui lòng đăng ký trực tiếp.'),
    );
  return out;
}
