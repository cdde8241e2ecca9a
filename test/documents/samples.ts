import type { DossierRow, ProcedureRow } from '../../src/hub/store.ts';

/** Dossiers as the hub holds them once completed, with results shaped as the agencies return them (contracts/*-results.ts). */
const hanam = { provinceCode: '35', districtCode: '347', communeCode: '13366', line: 'Thôn 2, xã Thanh Phong' };
const person = (pin: string, fullName: string, sex: 'male' | 'female', dateOfBirth: string, householdId: string | null = 'HH-35-0001') => ({
  pin,
  fullName,
  sex,
  dateOfBirth,
  alive: true,
  householdId,
  address: hanam,
});

const dossier = (id: string, group: string, declaration: Record<string, unknown>, people: Record<string, ReturnType<typeof person>>): DossierRow => ({
  id,
  group_code: group,
  status: 'completed',
  declaration,
  people,
  reasons: [],
  submitted_by: 'citizen:035195000001',
  province_code: '35',
  submitted_at: '2025-01-24T02:00:00.000Z',
  deadline: '2025-02-05',
  updated_at: '2025-01-24T02:00:01.000Z',
  finished_at: '2025-01-24T02:00:01.000Z',
});

const done = (dossierId: string, code: string, agency: string, position: number, result: Record<string, unknown>): ProcedureRow =>
  ({ dossier_id: dossierId, code, position, agency, status: 'completed', requires: [], deadline: '2025-01-24', dispatched_at: null, finished_at: '2025-01-24T02:00:01.000Z', in_review: false, result, reasons: [] }) as ProcedureRow;

export const BIRTH_ID = '11111111-1111-4111-8111-111111111111';
export const birth = {
  dossier: dossier(
    BIRTH_ID,
    'birth',
    {
      declarant: { pin: '035195000001', relationship: 'mother' },
      child: { fullName: 'Lê Minh Đức', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Bệnh viện Đa khoa tỉnh Hà Nam' },
      mother: { pin: '035195000001' },
      father: { pin: '035093000002' },
      residence: { householdOf: 'mother' },
      healthInsurance: { initialFacilityCode: '35001' },
    },
    { 'declaration.mother': person('035195000001', 'Trần Thị Mai', 'female', '1995-03-10'), 'declaration.father': person('035093000002', 'Lê Văn Nam', 'male', '1993-07-01') },
  ),
  procedures: [
    done(BIRTH_ID, 'birth-registration', 'civil-registry', 0, {
      pin: '035225000101',
      certificateNumber: '3534713366-2025-KS000001',
      book: '01/2025',
      registeredOn: '2025-01-24',
      registeringCommune: hanam,
      verificationCode: 'B1RT-H000-0001',
    }),
    done(BIRTH_ID, 'residence-registration', 'population', 1, { householdId: 'HH-35-0001', registeredOn: '2025-01-24', verificationCode: 'RES1-0000-0001' }),
    done(BIRTH_ID, 'hi-card', 'social-security', 2, {
      siCode: '3525000101',
      cardNumber: 'TE1353525000101',
      validFrom: '2025-01-20',
      validTo: '2031-01-31',
      initialFacilityCode: '35001',
      issuedOn: '2025-01-24',
      familyHousehold: 'VSS-HGD-1',
      ruleVersion: 'hi-child-2024.1',
      verificationCode: 'HC1D-0000-0001',
    }),
  ],
};

export const DEATH_ID = '22222222-2222-4222-8222-222222222222';
const decision = (over: Record<string, unknown>) => ({
  kind: 'funeral-allowance',
  benefit: 'funeral-allowance',
  amount: null,
  monthlyAmount: null,
  fromMonth: null,
  eligibilityCase: null,
  ruleVersion: 'death-2024.1',
  legalBasis: 'Luật BHXH 2014 Điều 66; Nghị định 73/2024/NĐ-CP',
  explanation: { en: 'Ten times the base salary in force on the date of death.', vi: 'Mười lần mức lương cơ sở tại tháng người tham gia chết.' },
  perRelative: null,
  hiCardEndsOn: null,
  decisionNumber: '35/QD-000001',
  verificationCode: 'DEC0-0000-0001',
  ...over,
});
export const death = {
  dossier: dossier(
    DEATH_ID,
    'death',
    {
      declarant: { pin: '035145000012', relationship: 'spouse' },
      deceased: { pin: '035040000011', dateOfDeath: '2025-01-15', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'sealed:…' },
      requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'monthly' },
      relatives: [{ pin: '035145000012', relationship: 'spouse', hasDirectCaretaker: false, incapacityPercent: 0 }],
      payee: { pin: '035145000012', bankAccount: 'sealed:…' },
    },
    {
      'declaration.deceased': person('035040000011', 'Nguyễn Văn Thọ', 'male', '1940-03-15', 'HH-35-0002'),
      'declaration.declarant': person('035145000012', 'Phạm Thị Hiền', 'female', '1945-06-20', 'HH-35-0002'),
      'declaration.relatives.0': person('035145000012', 'Phạm Thị Hiền', 'female', '1945-06-20', 'HH-35-0002'),
    },
  ),
  procedures: [
    done(DEATH_ID, 'death-registration', 'civil-registry', 0, {
      deceasedPin: '035040000011',
      dateOfDeath: '2025-01-15',
      certificateNumber: '3534713366-2025-KT000001',
      book: '01/2025',
      registeredOn: '2025-01-24',
      registeringCommune: hanam,
      lateRegistration: false,
      verificationCode: 'DEAT-H000-0001',
    }),
    done(DEATH_ID, 'residence-deregistration', 'population', 1, { householdId: 'HH-35-0002', deregisteredOn: '2025-01-24', householdNeedsNewHead: true, verificationCode: 'DERE-G000-0001' }),
    done(DEATH_ID, 'death-benefits', 'social-security', 2, {
      decisions: [
        decision({ amount: 23_400_000, eligibilityCase: 'case-6-pensioner-80-plus' }),
        decision({ kind: 'stop-monthly-payments', benefit: 'stop-monthly-payments', fromMonth: '2025-02', hiCardEndsOn: '2025-01-31', eligibilityCase: 'pension', decisionNumber: '35/QD-000002', verificationCode: 'DEC0-0000-0002' }),
        decision({
          kind: 'survivor-monthly',
          benefit: 'survivor-benefit',
          monthlyAmount: 1_638_000,
          fromMonth: '2025-02',
          eligibilityCase: 'pensioner-15-years',
          perRelative: [{ pin: '035145000012', relationship: 'spouse', status: 'monthly', ratePercent: 70, monthlyAmount: 1_638_000, reason: null }],
          decisionNumber: '35/QD-000003',
          verificationCode: 'DEC0-0000-0003',
        }),
      ],
      decidedOn: '2025-01-24',
      settlementDeadline: '2025-02-10',
      payee: { pin: '035145000012', bankBin: '970436', accountNumber: '0011004321987' },
      summary: { en: 'Three decisions.', vi: 'Ba quyết định.' },
    }),
  ],
};

export const VSI_ID = '33333333-3333-4333-8333-333333333333';
export const voluntary = {
  dossier: dossier(
    VSI_ID,
    'voluntary-si',
    { participant: { pin: '035197000031', phone: '0912345678', email: 'hong@example.vn' }, monthlyIncome: 1_500_000, paymentMethod: 'monthly', startMonth: '2025-02', supportGroup: 'other' },
    { 'declaration.participant': person('035197000031', 'Đặng Thị Hồng', 'female', '1997-04-12', 'HH-35-0009') },
  ),
  procedures: [
    done(VSI_ID, 'voluntary-si-registration', 'social-security', 0, {
      siCode: '3525000031',
      siCodeIssued: true,
      supportGroup: 'other',
      contribution: { monthlyIncome: 1_500_000, monthlyContribution: 330_000, monthlyStateSupport: 33_000, months: 1, periodFrom: '2025-02', periodTo: '2025-02', amountDue: 297_000, dueBy: '2025-02-28', ruleVersion: 'vsi-2025.1', legalBasis: 'Nghị định 134/2015/NĐ-CP' },
      payment: { reference: 'BHXHTN3525000031', qrPayload: '00020101021238570010A000000727012700069704360113001100432198702080QRIBFTTA53037045406297000', bankBin: '970436', accountNumber: '0011004321987', accountName: 'BHXH TINH HA NAM' },
      registeredOn: '2025-01-24',
      verificationCode: 'VSI0-0000-0001',
      voucher: {
        number: 'PT-2025-0000001',
        issuedOn: '2025-02-03',
        reference: 'BHXHTN3525000031',
        siCode: '3525000031',
        payer: { pin: '035197000031', fullName: 'Đặng Thị Hồng' },
        amount: 297_000,
        received: 300_000,
        channels: ['bank-transfer'],
        periodFrom: '2025-02',
        periodTo: '2025-02',
        months: 1,
        verificationCode: 'PAY0-0000-0001',
      },
      participation: { from: '2025-02', to: '2025-02', months: 1, monthlyIncome: 1_500_000, scheme: 'voluntary', voucherNumber: 'PT-2025-0000001' },
      coverSheet: {
        bookNumber: '3525000031',
        siCode: '3525000031',
        fullName: 'Đặng Thị Hồng',
        dateOfBirth: '1997-04-12',
        sex: 'female',
        pin: '035197000031',
        nationality: 'Việt Nam',
        firstParticipationMonth: '2025-02',
        issuingOffice: 'Bảo hiểm xã hội tỉnh Hà Nam',
        issuedOn: '2025-02-03',
        verificationCode: 'B00K-0000-0001',
      },
    }),
  ],
};
