import { DeathDeclaration } from '../../contracts/declarations/death.ts';
import type { DeathRegistrationResult } from '../../contracts/death-results.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import { asksForMoney, checkDeath, checkDeathVerified, deathPeopleToVerify, registeringCommuneOf } from './death-rules.ts';
import type { GroupDefinition } from './group.ts';

type D = DeathDeclaration;

const extractOf = (r: Record<string, unknown> | undefined) => r as DeathRegistrationResult;

/**
 * Death registration → deregistration of permanent residence → funeral allowance, survivor benefits and the
 * stop of monthly payments (Decree 63/2024/ND-CP; VSS Decisions 706/QD-BHXH 2023 and 1449/QD-BHXH 2024; seed 000).
 * The civil registry first (it issues the death-certificate extract); then residence and VSS in parallel.
 *
 * The relatives choose the linked procedures: residence deregistration is started only when asked for.
 * VSS's procedure always runs, asked or not: a pensioner's monthly payments stop ex officio from the month
 * after the death (seed 000 case 6; DOMAIN.md §3 "for every pensioner"), and only VSS knows who is paid
 * monthly — the hub does not read its records. `requests` tells VSS what else to decide; when nothing is
 * asked and nothing is paid monthly, VSS answers with no decision.
 */
export const deathGroup: GroupDefinition<D> = {
  code: 'death',
  title: {
    vi: 'Đăng ký khai tử – Xóa đăng ký thường trú – Trợ cấp mai táng, trợ cấp tuất',
    en: 'Death registration – permanent residence deregistration – funeral allowance and survivor benefits',
  },
  declarationSchema: DeathDeclaration,
  // The longest procedure: VSS settles within 15 days (unconfirmed as a group limit; configurable per province later).
  timeLimit: { calendarDays: 15, legalBasis: 'Law on SI 2014 art. 112 (unconfirmed default for the group: the longest procedure, 15 days)' },

  check: checkDeath,
  peopleToVerify: deathPeopleToVerify,
  checkVerified: checkDeathVerified,
  parties: (d) => [d.declarant.pin, ...d.relatives.map((r) => r.pin), ...(d.payee ? [d.payee.pin] : [])],

  procedures: [
    {
      code: 'death-registration',
      agency: 'civil-registry',
      title: { vi: 'Đăng ký khai tử', en: 'Death registration' },
      requires: [],
      // Registered at once when the file is complete (Law on Civil Status 2014 art. 34).
      timeLimit: { workingDays: 0, legalBasis: 'Law on Civil Status 2014 art. 34' },
      requestType: 'civil-registry.death-registration.requested',
      request: ({ declaration: d, people, submittedOn }) => ({
        procedure: 'death-registration',
        deceased: people['declaration.deceased']!,
        death: { dateOfDeath: d.deceased.dateOfDeath, placeOfDeath: d.deceased.placeOfDeath, cause: d.deceased.cause },
        declarant: { pin: d.declarant.pin, relationship: d.declarant.relationship, person: people['declaration.declarant']! },
        registeringCommune: registeringCommuneOf(people)!,
        receivedOn: submittedOn,
        // The civil registry corroborates a cited death notice with `health` itself: the notice stands for the
        // paper one the declarant would bring it (Law on Civil Status 2014 art. 34.1), so it is its check to make.
        ...(d.deceased.deathNoticeId ? { deathNoticeId: d.deceased.deathNoticeId } : {}),
      }),
    },
    {
      code: 'residence-deregistration',
      agency: 'population',
      title: { vi: 'Xóa đăng ký thường trú', en: 'Permanent residence deregistration' },
      requires: ['death-registration'],
      wanted: (d) => d.requests.residenceDeregistration,
      timeLimit: { workingDays: 1, legalBasis: 'Law on Residence 2020 art. 24.1.a; Decree 62/2021/ND-CP art. 8 (unconfirmed default: 1 working day)' },
      requestType: 'population.residence-deregistration.requested',
      request: ({ declaration: d, results }) => {
        const extract = extractOf(results['death-registration']);
        return {
          procedure: 'residence-deregistration',
          pin: d.deceased.pin,
          basis: { certificateNumber: extract.certificateNumber, registeredOn: extract.registeredOn, dateOfDeath: d.deceased.dateOfDeath },
        };
      },
    },
    {
      code: 'death-benefits',
      agency: 'social-security',
      title: {
        vi: 'Giải quyết trợ cấp mai táng, trợ cấp tuất, dừng chi trả lương hưu/trợ cấp hằng tháng',
        en: 'Funeral allowance, survivor benefits, stop of monthly payments',
      },
      requires: ['death-registration'],
      // "15 days" without "working": calendar days, rolled to the next working day (Civil Code 2015 art. 148.5).
      timeLimit: { calendarDays: 15, legalBasis: 'Law on SI 2014 art. 112; Civil Code 2015 art. 147–148' },
      requestType: 'social-security.death-benefits.requested',
      request: ({ declaration: d, people, results, submittedOn, deadline }) => {
        const extract = extractOf(results['death-registration']);
        const deceased = people['declaration.deceased']!;
        return {
          procedure: 'death-benefits',
          deceased: { pin: d.deceased.pin, sex: deceased.sex, dateOfBirth: deceased.dateOfBirth, dateOfDeath: d.deceased.dateOfDeath, cause: d.deceased.cause },
          certificate: { number: extract.certificateNumber, registeredOn: extract.registeredOn, registeringCommune: extract.registeringCommune },
          requests: { funeralAllowance: d.requests.funeralAllowance, survivorBenefit: d.requests.survivorBenefit },
          relatives: d.relatives.map((r, i) => {
            const facts = people[`declaration.relatives.${i}`]!;
            return { ...r, sex: facts.sex, dateOfBirth: facts.dateOfBirth };
          }),
          payee: asksForMoney(d) && d.payee ? d.payee : null,
          receivedOn: submittedOn,
          deadline: deadline as IsoDate,
        };
      },
    },
  ],
};
