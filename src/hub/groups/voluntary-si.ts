import { VoluntarySiDeclaration } from '../../contracts/declarations/voluntary-si.ts';
import type { GroupDefinition } from './group.ts';
import { checkVoluntarySi, checkVoluntarySiVerified, voluntarySiPeopleToVerify } from './voluntary-si-rules.ts';

type D = VoluntarySiDeclaration;

/**
 * Registration for voluntary social insurance (online service 602e; VSS Decision 49/QD-BHXH 2023; seed 004):
 * identity checked against the population register → SI code reused or issued → contribution due and how to pay.
 * One procedure, VSS's. It waits for the payment (`awaiting-payment`, with the amount due and the payment QR) and
 * completes with the payment voucher, or is refused when the deadline passes unpaid (docs/voluntary-si.md).
 */
export const voluntarySiGroup: GroupDefinition<D> = {
  code: 'voluntary-si',
  title: { vi: 'Đăng ký tham gia BHXH tự nguyện', en: 'Voluntary social insurance registration' },
  declarationSchema: VoluntarySiDeclaration,
  // Fully automated (Decision 49/QD-BHXH); unconfirmed default for the group: 1 working day.
  timeLimit: { workingDays: 1, legalBasis: 'Decision 49/QD-BHXH 2023 (unconfirmed default: 1 working day)' },

  check: checkVoluntarySi,
  peopleToVerify: voluntarySiPeopleToVerify,
  checkVerified: checkVoluntarySiVerified,
  declarant: { path: 'declaration.participant.pin', pin: (d) => d.participant.pin },
  parties: (d) => [d.participant.pin],

  procedures: [
    {
      code: 'voluntary-si-registration',
      agency: 'social-security',
      title: { vi: 'Đăng ký tham gia BHXH tự nguyện, cấp mã số BHXH', en: 'Voluntary SI registration and SI code' },
      requires: [],
      timeLimit: { workingDays: 1, legalBasis: 'Decision 49/QD-BHXH 2023 (unconfirmed default: 1 working day)' },
      requestType: 'social-security.voluntary-si.requested',
      request: ({ declaration: d, people, submittedOn }) => ({
        procedure: 'voluntary-si-registration',
        participant: { ...people['declaration.participant']!, phone: d.participant.phone, email: d.participant.email },
        monthlyIncome: d.monthlyIncome,
        paymentMethod: d.paymentMethod,
        years: d.years ?? null,
        missingMonths: d.missingMonths ?? null,
        startMonth: d.startMonth,
        supportGroup: d.supportGroup,
        receivedOn: submittedOn,
      }),
    },
  ],
};
