import type { PersonFacts } from '../../contracts/common.ts';
import { BirthDeclaration } from '../../contracts/declarations/birth.ts';
import type { BirthRegistrationResult } from '../../contracts/procedures.ts';
import { ageOn, compareDates, isoDate, type IsoDate } from '../../kernel/dates.ts';
import { issue, type GroupDefinition } from './group.ts';

type D = BirthDeclaration;

const householdParent = (d: D) => (d.residence.householdOf === 'father' ? d.father : d.mother);
const certificateOf = (r: Record<string, unknown> | undefined) => r as BirthRegistrationResult;

/**
 * Birth registration → permanent residence registration → HI card for a child under 6
 * (Decree 63/2024/ND-CP; VSS Decisions 976/QD-BHXH 2023 and 1449/QD-BHXH 2024; seed 003).
 * Civil registry first (it obtains the child's PIN); then residence and the HI card in parallel.
 */
export const birthGroup: GroupDefinition<D> = {
  code: 'birth',
  title: {
    vi: 'Đăng ký khai sinh – Đăng ký thường trú – Cấp thẻ BHYT cho trẻ em dưới 6 tuổi',
    en: 'Birth registration – permanent residence registration – HI card for a child under 6',
  },
  declarationSchema: BirthDeclaration,
  // The whole online group: 3 working days (unconfirmed; configurable per province later).
  timeLimit: { workingDays: 3, legalBasis: 'Decree 63/2024/ND-CP (unconfirmed default: 3 working days)' },

  check(d, today) {
    const out = [];
    if (compareDates(isoDate(d.child.dateOfBirth), today) > 0)
      out.push(issue('declaration.child.dateOfBirth', 'future-date', 'The date of birth is in the future.', 'Ngày sinh ở tương lai.'));
    else if (ageOn(isoDate(d.child.dateOfBirth), today) >= 6)
      out.push(
        issue('declaration.child.dateOfBirth', 'not-under-six', 'This interlinked service is for children under 6.', 'Thủ tục liên thông này dành cho trẻ em dưới 6 tuổi.'),
      );
    if (d.residence.householdOf === 'father' && !d.father)
      out.push(issue('declaration.residence.householdOf', 'no-father', 'No father is declared.', 'Chưa khai thông tin người cha.'));
    if (d.father && d.father.pin === d.mother.pin)
      out.push(issue('declaration.father.pin', 'same-as-mother', "The father's PIN is the mother's.", 'Số định danh của cha trùng với của mẹ.'));
    const parentPin = d.declarant.relationship === 'mother' ? d.mother.pin : d.declarant.relationship === 'father' ? d.father?.pin : undefined;
    if ((d.declarant.relationship === 'mother' || d.declarant.relationship === 'father') && parentPin !== d.declarant.pin)
      out.push(
        issue('declaration.declarant.pin', 'not-the-parent', `The declarant is not the ${d.declarant.relationship} declared.`, 'Người khai không phải là cha/mẹ đã khai.'),
      );
    return out;
  },

  peopleToVerify(d) {
    const people = [{ path: 'declaration.mother', ...d.mother }];
    if (d.father) people.push({ path: 'declaration.father', ...d.father });
    if (d.declarant.pin !== d.mother.pin && d.declarant.pin !== d.father?.pin)
      people.push({ path: 'declaration.declarant', pin: d.declarant.pin });
    return people;
  },

  checkVerified(d, people) {
    const out = [];
    const residenceParent = people[`declaration.${d.residence.householdOf}`];
    if (residenceParent && !residenceParent.householdId)
      out.push(
        issue('declaration.residence.householdOf', 'no-permanent-residence', 'This parent has no permanent residence to register the child in.', 'Cha/mẹ được chọn chưa có nơi thường trú để đăng ký cho trẻ.'),
      );
    const declarant = declarantFacts(d, people);
    if (declarant && !declarant.alive)
      out.push(issue('declaration.declarant.pin', 'deceased', 'The declarant is recorded as deceased.', 'Người khai đã được ghi nhận là đã chết.'));
    return out;
  },

  parties: (d) => [d.declarant.pin, d.mother.pin, ...(d.father ? [d.father.pin] : [])],

  procedures: [
    {
      code: 'birth-registration',
      agency: 'civil-registry',
      title: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
      requires: [],
      // Same working day as a complete file (Law on Civil Status 2014 art. 16).
      timeLimit: { workingDays: 0, legalBasis: 'Law on Civil Status 2014 art. 16' },
      requestType: 'civil-registry.birth-registration.requested',
      request: ({ declaration: d, people, submittedOn }) => ({
        procedure: 'birth-registration',
        child: d.child,
        mother: people['declaration.mother']!,
        father: d.father ? people['declaration.father']! : null,
        declarant: { pin: d.declarant.pin, relationship: d.declarant.relationship, person: declarantFacts(d, people)! },
        registeringCommune: people[`declaration.${d.residence.householdOf}`]!.address!,
        receivedOn: submittedOn,
      }),
    },
    {
      code: 'residence-registration',
      agency: 'population',
      title: { vi: 'Đăng ký thường trú', en: 'Permanent residence registration' },
      requires: ['birth-registration'],
      timeLimit: { workingDays: 7, legalBasis: 'Law on Residence 2020 art. 22' },
      requestType: 'population.residence-registration.requested',
      request: ({ declaration: d, results }) => {
        const cert = certificateOf(results['birth-registration']);
        return {
          procedure: 'residence-registration',
          person: { pin: cert.pin, fullName: d.child.fullName, sex: d.child.sex, dateOfBirth: d.child.dateOfBirth },
          householdOfPin: householdParent(d)!.pin,
          relationship: 'child',
          basis: { certificateNumber: cert.certificateNumber, registeredOn: cert.registeredOn },
        };
      },
    },
    {
      code: 'hi-card',
      agency: 'social-security',
      title: { vi: 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi', en: 'HI card for a child under 6' },
      requires: ['birth-registration'],
      // 2 working days from VSS receiving the birth-certificate data (Decision 976/QD-BHXH; seed 000).
      timeLimit: { workingDays: 2, legalBasis: 'Decision 976/QD-BHXH 2023; Decree 63/2024/ND-CP' },
      requestType: 'social-security.hi-card.requested',
      request: ({ declaration: d, results, deadline }) => {
        const cert = certificateOf(results['birth-registration']);
        return {
          procedure: 'hi-card',
          child: { pin: cert.pin, fullName: d.child.fullName, sex: d.child.sex, dateOfBirth: d.child.dateOfBirth },
          certificate: { number: cert.certificateNumber, registeredOn: cert.registeredOn, registeringCommune: cert.registeringCommune },
          motherPin: d.mother.pin,
          fatherPin: d.father?.pin ?? null,
          initialFacilityCode: d.healthInsurance.initialFacilityCode,
          deadline: deadline as IsoDate,
        };
      },
    },
  ],
};

function declarantFacts(d: D, people: Readonly<Record<string, PersonFacts>>): PersonFacts | undefined {
  if (d.declarant.pin === d.mother.pin) return people['declaration.mother'];
  if (d.declarant.pin === d.father?.pin) return people['declaration.father'];
  return people['declaration.declarant'];
}
