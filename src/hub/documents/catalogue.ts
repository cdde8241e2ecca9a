import type { Address, PersonFacts } from '../../contracts/common.ts';
import type { DeathBenefitsResult, DeathDecisionEntry, DeathRegistrationResult, ResidenceDeregistrationResult } from '../../contracts/death-results.ts';
import type { BirthRegistrationResult, HiCardResult, ProcedureCode, ResidenceRegistrationResult } from '../../contracts/procedures.ts';
import type { VoluntarySiRegistrationResult } from '../../contracts/voluntary-si-results.ts';
import type { Bilingual, DocumentKind, DocumentRow, DocumentSpec } from '../../platform/documents/model.ts';
import { maskTail } from '../../platform/documents/masking.ts';
import type { DossierRow, ProcedureRow } from '../store.ts';
import { paymentVoucherDocuments, siBookCoverSheetDocuments } from './catalogue-voluntary.ts';
import { addressText, communeOf, dmy, L, maskedAccount, my, placeOf, relationshipText, sexText, vnd } from './wording.ts';

/** A document the hub can print, derived from a procedure's result (nothing else is stored). */
export interface IssuedDocument {
  readonly spec: DocumentSpec;
  readonly dossierId: string;
  readonly procedure: ProcedureCode;
  /** Whom the document is about: the verification page shows their initials and year of birth; validity follows their death. */
  readonly holder: { readonly pin: string | null; readonly fullName: string | null; readonly dateOfBirth: string | null };
  /** The period the document is valid for, when it states one (an HI card). */
  readonly period?: { readonly from: string; readonly to: string } | undefined;
  /** The number the public verification page shows, when not the document's own (an HI card's, masked). */
  readonly publicNumber?: string | undefined;
}

export interface Source {
  readonly dossier: DossierRow;
  readonly declaration: Record<string, any>;
  readonly people: Readonly<Record<string, PersonFacts>>;
  readonly results: Readonly<Partial<Record<ProcedureCode, Record<string, any>>>>;
}

type Builder = (s: Source, result: any) => Omit<IssuedDocument, 'dossierId' | 'procedure'>[];

const row = (vi: string, en: string, value: string | null | undefined): DocumentRow => ({ label: L(vi, en), value: value ?? '—' });

function civilRegistryIssuer(commune: Address | null | undefined): DocumentSpec['issuer'] {
  const name = communeOf(commune);
  return {
    agency: 'civil-registry',
    name: L(name ? `Ủy ban nhân dân ${name}` : 'Ủy ban nhân dân cấp xã', 'Commune People’s Committee — civil registry'),
    place: placeOf(name),
  };
}

function populationIssuer(address: Address | null | undefined): DocumentSpec['issuer'] {
  const name = communeOf(address);
  return { agency: 'population', name: L(name ? `Công an ${name}` : 'Công an cấp xã', 'Commune police — residence registration'), place: placeOf(name) };
}

const vssIssuer = (place: string | null): DocumentSpec['issuer'] => ({ agency: 'social-security', name: L('Bảo hiểm xã hội Việt Nam', 'Vietnam Social Security'), place });

const spec = (s: Omit<DocumentSpec, 'layout' | 'notes'> & { layout?: DocumentSpec['layout']; notes?: Bilingual[] }): DocumentSpec => ({ layout: 'form', notes: [], ...s });

const personRows = (p: { fullName?: string | null; dateOfBirth?: string | null; sex?: string; pin?: string | null }, withPin = true): DocumentRow[] => [
  row('Họ, chữ đệm, tên', 'Full name', p.fullName),
  row('Ngày, tháng, năm sinh', 'Date of birth', dmy(p.dateOfBirth)),
  row('Giới tính', 'Sex', sexText(p.sex)),
  ...(withPin ? [row('Số định danh cá nhân', 'Personal identification number', p.pin)] : []),
];

/** The birth-certificate extract (Law on Civil Status 2014 art. 16–17; Decree 123/2015 form "Trích lục khai sinh"). */
const birthExtract: Builder = ({ declaration: d, people }, r: BirthRegistrationResult) => {
  const mother = people['declaration.mother'];
  const father = people['declaration.father'];
  const declarant = d.declarant.pin === mother?.pin ? mother : d.declarant.pin === father?.pin ? father : people['declaration.declarant'];
  return [
    {
      spec: spec({
        kind: 'birth-certificate-extract',
        code: r.verificationCode,
        title: L('Trích lục khai sinh', 'Birth certificate extract (electronic copy of the civil record)'),
        issuer: civilRegistryIssuer(r.registeringCommune),
        issuedOn: r.registeredOn,
        number: r.certificateNumber,
        sections: [
          { heading: L('Người được khai sinh', 'The child'), rows: [...personRows({ ...d.child, pin: r.pin }), row('Nơi sinh', 'Place of birth', d.child.placeOfBirth)] },
          {
            heading: L('Cha, mẹ', 'Parents'),
            rows: [
              row('Họ, chữ đệm, tên người mẹ', 'Mother’s full name', mother?.fullName),
              row('Năm sinh của mẹ', 'Mother’s year of birth', mother?.dateOfBirth.slice(0, 4)),
              row('Họ, chữ đệm, tên người cha', 'Father’s full name', father?.fullName ?? '—'),
              row('Năm sinh của cha', 'Father’s year of birth', father?.dateOfBirth.slice(0, 4) ?? '—'),
            ],
          },
          {
            heading: L('Đăng ký', 'Registration'),
            rows: [
              row('Quyển số', 'Register book', r.book),
              row('Ngày đăng ký', 'Date of registration', dmy(r.registeredOn)),
              row('Nơi đăng ký', 'Registered at', addressText(r.registeringCommune)),
              row('Người đi khai sinh', 'Declared by', `${declarant?.fullName ?? '—'} (${relationshipText(d.declarant.relationship)})`),
            ],
          },
        ],
        notes: [L('Căn cứ Luật Hộ tịch 2014 Điều 16; đăng ký liên thông theo Nghị định 63/2024/NĐ-CP.', 'Law on Civil Status 2014 art. 16; registered through the interlinked service (Decree 63/2024/ND-CP).')],
      }),
      holder: { pin: r.pin, fullName: d.child.fullName, dateOfBirth: d.child.dateOfBirth },
    },
  ];
};

/** The confirmation of permanent residence registration (Law on Residence 2020 art. 20, 22). */
const residenceConfirmation: Builder = ({ declaration: d, people, results }, r: ResidenceRegistrationResult) => {
  const cert = results['birth-registration'] as BirthRegistrationResult | undefined;
  const address = people[`declaration.${d.residence?.householdOf ?? 'mother'}`]?.address;
  return [
    {
      spec: spec({
        kind: 'residence-confirmation',
        code: r.verificationCode,
        title: L('Xác nhận đăng ký thường trú', 'Confirmation of permanent residence registration'),
        issuer: populationIssuer(address),
        issuedOn: r.registeredOn,
        number: null,
        sections: [
          { heading: L('Người đăng ký thường trú', 'The person registered'), rows: personRows({ ...d.child, pin: cert?.pin ?? null }) },
          {
            heading: L('Nơi thường trú', 'Permanent residence'),
            rows: [
              row('Địa chỉ', 'Address', addressText(address)),
              row('Mã hộ', 'Household', r.householdId),
              row('Quan hệ với chủ hộ hoặc người được nhập hộ', 'Relationship in the household', 'Con / Child'),
              row('Ngày đăng ký thường trú', 'Registered on', dmy(r.registeredOn)),
            ],
          },
        ],
        notes: [L('Căn cứ Luật Cư trú 2020 Điều 20, 22.', 'Law on Residence 2020 art. 20 and 22.')],
      }),
      holder: { pin: cert?.pin ?? null, fullName: d.child.fullName, dateOfBirth: d.child.dateOfBirth },
    },
  ];
};

/** "TE13535000012345" → "TE1 35 3500012345", as the card prints it (object code, benefit level, province, SI code). */
const cardNumberText = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;

/** The e-HI card for a child under 6 (Law on HI art. 12.3.d, 16; VSS Decision 1666/QD-BHXH on the card's form), as VssID shows it. */
const hiCard: Builder = ({ declaration: d, people, results }, r: HiCardResult) => {
  const cert = results['birth-registration'] as BirthRegistrationResult | undefined;
  const address = people[`declaration.${d.residence?.householdOf ?? 'mother'}`]?.address;
  return [
    {
      spec: spec({
        kind: 'hi-card',
        code: r.verificationCode,
        title: L('Thẻ bảo hiểm y tế điện tử', 'Electronic health insurance card (as shown in the VssID app)'),
        issuer: vssIssuer(placeOf(communeOf(address))),
        issuedOn: r.issuedOn,
        number: null,
        layout: 'hi-card',
        sections: [
          {
            rows: [
              row('Mã số', 'Card number', cardNumberText(r.cardNumber)),
              row('Họ và tên', 'Full name', String(d.child.fullName).toLocaleUpperCase('vi')),
              row('Ngày sinh · Giới tính', 'Date of birth · Sex', `${dmy(d.child.dateOfBirth)} · ${d.child.sex === 'male' ? 'Nam' : 'Nữ'}`),
              row('Địa chỉ', 'Address', addressText(address)),
              row('Nơi đăng ký KCB ban đầu', 'Initial healthcare facility', r.initialFacilityCode),
              row('Giá trị sử dụng', 'Valid', `từ ${dmy(r.validFrom)} đến ${dmy(r.validTo)}`),
              row('Ngày cấp', 'Issued on', dmy(r.issuedOn)),
            ],
          },
        ],
        notes: [
          L('Xuất trình thẻ (bản giấy hoặc hình ảnh thẻ trên ứng dụng VssID) khi đi khám bệnh, chữa bệnh.', 'Show the card (on paper or in the VssID app) when seeking care.'),
          L('Không cho người khác mượn thẻ; không tẩy xóa, sửa chữa thẻ.', 'Do not lend the card, and do not alter it.'),
          L('Trẻ em dưới 6 tuổi do ngân sách nhà nước đóng BHYT (Luật BHYT, Điều 12).', 'The State budget pays the HI contribution of a child under 6 (Law on HI art. 12).'),
          L('Thẻ hết giá trị khi hết hạn ghi trên thẻ hoặc khi người có tên trên thẻ chết.', 'The card ends at its end date, or when its holder dies.'),
          L('Kiểm tra thẻ: quét mã QR hoặc nhập mã xác thực tại địa chỉ in bên dưới.', 'Check the card: scan the QR code or enter the verification code at the address below.'),
        ],
      }),
      holder: { pin: cert?.pin ?? null, fullName: d.child.fullName, dateOfBirth: d.child.dateOfBirth },
      period: { from: r.validFrom, to: r.validTo },
      publicNumber: `${r.cardNumber.slice(0, 5)}${maskTail(r.cardNumber.slice(5))}`,
    },
  ];
};

/**
 * The death-certificate extract (Law on Civil Status 2014 art. 34). The declared cause of death is not printed:
 * it is health data (Decree 13/2023/ND-CP art. 2.4.c), sealed at rest, and not needed to prove the death.
 */
const deathExtract: Builder = ({ declaration: d, people }, r: DeathRegistrationResult) => {
  const deceased = people['declaration.deceased'];
  const declarant = people['declaration.declarant'];
  return [
    {
      spec: spec({
        kind: 'death-certificate-extract',
        code: r.verificationCode,
        title: L('Trích lục khai tử', 'Death certificate extract (electronic copy of the civil record)'),
        issuer: civilRegistryIssuer(r.registeringCommune),
        issuedOn: r.registeredOn,
        number: r.certificateNumber,
        sections: [
          { heading: L('Người đã chết', 'The deceased'), rows: personRows({ ...deceased, pin: r.deceasedPin }) },
          { heading: L('Sự kiện chết', 'The death'), rows: [row('Ngày chết', 'Date of death', dmy(r.dateOfDeath)), row('Nơi chết', 'Place of death', d.deceased?.placeOfDeath)] },
          {
            heading: L('Đăng ký', 'Registration'),
            rows: [
              row('Quyển số', 'Register book', r.book),
              row('Ngày đăng ký', 'Date of registration', dmy(r.registeredOn)),
              row('Nơi đăng ký', 'Registered at', addressText(r.registeringCommune)),
              row('Người đi khai tử', 'Declared by', `${declarant?.fullName ?? '—'} (${relationshipText(d.declarant?.relationship)})`),
            ],
          },
        ],
        notes: [
          L('Căn cứ Luật Hộ tịch 2014 Điều 32–34.', 'Law on Civil Status 2014 art. 32–34.'),
          ...(r.lateRegistration ? [L('Đăng ký quá hạn 15 ngày kể từ ngày chết (Luật Hộ tịch 2014 Điều 33).', 'Registered more than 15 days after the death (Law on Civil Status 2014 art. 33).')] : []),
        ],
      }),
      holder: { pin: r.deceasedPin, fullName: deceased?.fullName ?? null, dateOfBirth: deceased?.dateOfBirth ?? null },
    },
  ];
};

/** The confirmation that permanent residence was deleted on death (Law on Residence 2020 art. 24.1.a). */
const deregistration: Builder = ({ declaration: d, people }, r: ResidenceDeregistrationResult) => {
  const deceased = people['declaration.deceased'];
  return [
    {
      spec: spec({
        kind: 'residence-deregistration-confirmation',
        code: r.verificationCode,
        title: L('Xác nhận xóa đăng ký thường trú', 'Confirmation of permanent residence deregistration'),
        issuer: populationIssuer(deceased?.address),
        issuedOn: r.deregisteredOn,
        number: null,
        sections: [
          { heading: L('Người bị xóa đăng ký thường trú', 'The person deregistered'), rows: personRows({ ...deceased, pin: d.deceased?.pin }) },
          {
            heading: L('Nơi thường trú đã xóa', 'Residence deregistered'),
            rows: [
              row('Địa chỉ', 'Address', addressText(deceased?.address)),
              row('Mã hộ', 'Household', r.householdId),
              row('Lý do', 'Reason', 'Người đăng ký thường trú đã chết / The resident has died'),
              row('Ngày xóa đăng ký', 'Deregistered on', dmy(r.deregisteredOn)),
            ],
          },
        ],
        notes: [
          L('Căn cứ Luật Cư trú 2020 Điều 24 khoản 1 điểm a.', 'Law on Residence 2020 art. 24.1.a.'),
          ...(r.householdNeedsNewHead ? [L('Người chết là chủ hộ: các thành viên cần đăng ký thay đổi chủ hộ.', 'The deceased headed the household: its members must name a new head.')] : []),
        ],
      }),
      holder: { pin: d.deceased?.pin ?? null, fullName: deceased?.fullName ?? null, dateOfBirth: deceased?.dateOfBirth ?? null },
    },
  ];
};

const DECISION_TITLES: Record<DeathDecisionEntry['kind'], Bilingual> = {
  'funeral-allowance': L('Quyết định về việc hưởng trợ cấp mai táng', 'Decision on the funeral allowance'),
  'stop-monthly-payments': L('Quyết định về việc dừng chi trả lương hưu, trợ cấp BHXH hằng tháng', 'Decision to stop the monthly pension or allowance'),
  'survivor-monthly': L('Quyết định về việc hưởng trợ cấp tuất hằng tháng', 'Decision on the monthly survivor allowance'),
  'survivor-lump-sum': L('Quyết định về việc hưởng trợ cấp tuất một lần', 'Decision on the lump-sum survivor allowance'),
  'not-eligible': L('Thông báo không đủ điều kiện hưởng', 'Notice of ineligibility'),
};
const BENEFIT_NAMES: Record<DeathDecisionEntry['benefit'], Bilingual> = {
  'funeral-allowance': L('trợ cấp mai táng', 'funeral allowance'),
  'stop-monthly-payments': L('dừng chi trả hằng tháng', 'stop of monthly payments'),
  'survivor-benefit': L('trợ cấp tuất', 'survivor benefit'),
};

/** Each of VSS's decisions on a death is a document of its own, with its own number and code (Law on SI 2014 art. 66–71, 112). */
const deathDecisions: Builder = ({ declaration: d, people, results }, r: DeathBenefitsResult) => {
  const deceased = people['declaration.deceased'];
  const extract = results['death-registration'] as DeathRegistrationResult | undefined;
  const nameOf = (pin: string) => Object.values(people).find((p) => p.pin === pin)?.fullName ?? pin;
  return r.decisions.map((x) => {
    const title = x.kind === 'not-eligible' ? L(`${DECISION_TITLES['not-eligible'].vi} ${BENEFIT_NAMES[x.benefit].vi}`, `${DECISION_TITLES['not-eligible'].en}: ${BENEFIT_NAMES[x.benefit].en}`) : DECISION_TITLES[x.kind];
    const decided: DocumentRow[] = [
      ...(x.amount !== null ? [row('Số tiền', 'Amount', vnd(x.amount))] : []),
      ...(x.monthlyAmount !== null ? [row('Mức hưởng hằng tháng', 'Monthly amount', vnd(x.monthlyAmount))] : []),
      ...(x.fromMonth ? [row(x.kind === 'stop-monthly-payments' ? 'Dừng chi trả từ tháng' : 'Hưởng từ tháng', x.kind === 'stop-monthly-payments' ? 'Stopped from' : 'Paid from', my(x.fromMonth))] : []),
      ...(x.hiCardEndsOn ? [row('Thẻ BHYT hết giá trị sử dụng từ sau ngày', 'HI card valid until', dmy(x.hiCardEndsOn))] : []),
      ...(x.eligibilityCase ? [row('Trường hợp', 'Case', x.eligibilityCase)] : []),
      row('Phiên bản quy tắc', 'Rule version', x.ruleVersion),
    ];
    const relatives = (x.perRelative ?? []).map((p) =>
      row(
        `${nameOf(p.pin)} (${relationshipText(p.relationship).split(' / ')[0]})`,
        `${relationshipText(p.relationship).split(' / ')[1] ?? p.relationship}: ${p.status}`,
        [p.status, p.ratePercent !== null ? `${p.ratePercent}%` : null, p.monthlyAmount !== null ? vnd(p.monthlyAmount) : null, p.reason].filter(Boolean).join(' · '),
      ),
    );
    const paid = (x.amount ?? 0) > 0 || (x.monthlyAmount ?? 0) > 0;
    return {
      spec: spec({
        kind: 'vss-decision' as DocumentKind,
        code: x.verificationCode,
        title,
        issuer: vssIssuer(placeOf(communeOf(extract?.registeringCommune))),
        issuedOn: r.decidedOn,
        number: x.decisionNumber,
        sections: [
          {
            heading: L('Người tham gia BHXH đã chết', 'The deceased insured person'),
            rows: [...personRows({ ...deceased, pin: d.deceased?.pin }), row('Ngày chết', 'Date of death', dmy(d.deceased?.dateOfDeath)), row('Trích lục khai tử số', 'Death certificate extract No.', extract?.certificateNumber)],
          },
          { heading: L('Nội dung quyết định', 'What is decided'), rows: decided },
          ...(relatives.length ? [{ heading: L('Thân nhân', 'Relatives'), rows: relatives }] : []),
          ...(paid && r.payee ? [{ heading: L('Người nhận', 'Paid to'), rows: [row('Họ, chữ đệm, tên', 'Full name', nameOf(r.payee.pin)), row('Tài khoản', 'Bank account', maskedAccount(r.payee.bankBin, r.payee.accountNumber))] }] : []),
        ],
        notes: [x.explanation, L(`Căn cứ: ${x.legalBasis}`, `Legal basis: ${x.legalBasis}`)],
      }),
      holder: { pin: d.deceased?.pin ?? null, fullName: deceased?.fullName ?? null, dateOfBirth: deceased?.dateOfBirth ?? null },
    };
  });
};

const SUPPORT_GROUPS: Record<string, string> = {
  poor: 'Hộ nghèo / Poor household',
  'near-poor': 'Hộ cận nghèo / Near-poor household',
  'ethnic-minority': 'Người dân tộc thiểu số / Ethnic minority',
  'island-commune': 'Xã đảo, đặc khu / Island commune',
  other: 'Đối tượng khác / Other',
};

/** VSS's notice of a voluntary SI registration: the SI code, the contribution and how to pay it (Decree 134/2015, Decision 49/QD-BHXH). */
const voluntaryRegistration: Builder = ({ people }, r: VoluntarySiRegistrationResult) => {
  const p = people['declaration.participant'];
  const c = r.contribution;
  return [
    {
      spec: spec({
        kind: 'voluntary-si-registration',
        code: r.verificationCode,
        title: L('Thông báo kết quả đăng ký tham gia BHXH tự nguyện', 'Voluntary social insurance: registration and amount due'),
        issuer: vssIssuer(placeOf(communeOf(p?.address))),
        issuedOn: r.registeredOn,
        number: null,
        sections: [
          { heading: L('Người tham gia', 'The participant'), rows: [...personRows(p ?? {}), row('Mã số BHXH', 'SI code', `${r.siCode}${r.siCodeIssued ? ' (cấp mới / new)' : ''}`)] },
          {
            heading: L('Mức đóng', 'Contribution'),
            rows: [
              row('Thu nhập tháng làm căn cứ đóng', 'Monthly income declared', vnd(c.monthlyIncome)),
              row('Đối tượng hỗ trợ', 'State support group', SUPPORT_GROUPS[r.supportGroup] ?? r.supportGroup),
              row('Số tiền đóng mỗi tháng', 'Monthly contribution', vnd(c.monthlyContribution)),
              row('Nhà nước hỗ trợ mỗi tháng', 'State support per month', vnd(c.monthlyStateSupport)),
              row('Thời gian đóng', 'Period', `${my(c.periodFrom)} – ${my(c.periodTo)} (${c.months} tháng / months)`),
              row('Số tiền phải nộp', 'Amount due', vnd(c.amountDue)),
              row('Hạn nộp', 'Due by', dmy(c.dueBy)),
            ],
          },
          {
            heading: L('Nộp tiền', 'Payment'),
            rows: [
              row('Nội dung chuyển khoản', 'Payment reference', r.payment.reference),
              row('Tài khoản thụ hưởng', 'Beneficiary account', `${r.payment.accountName} · ${r.payment.bankBin} · ${r.payment.accountNumber}`),
            ],
          },
        ],
        notes: [L(`Căn cứ: ${c.legalBasis} (quy tắc ${c.ruleVersion}).`, `Legal basis: ${c.legalBasis} (rules ${c.ruleVersion}).`)],
        extraQr: { payload: r.payment.qrPayload, caption: L('Quét mã bằng ứng dụng ngân hàng để nộp tiền (VietQR)', 'Scan with a banking app to pay (VietQR)') },
      }),
      holder: { pin: p?.pin ?? null, fullName: p?.fullName ?? null, dateOfBirth: p?.dateOfBirth ?? null },
    },
  ];
};

/** Which procedure's result gives which documents. A procedure not listed issues none. */
const BUILDERS: Partial<Record<ProcedureCode, Builder>> = {
  'birth-registration': birthExtract,
  'residence-registration': residenceConfirmation,
  'hi-card': hiCard,
  'death-registration': deathExtract,
  'residence-deregistration': deregistration,
  'death-benefits': deathDecisions,
  'voluntary-si-registration': (s, r) => [...voluntaryRegistration(s, r), ...siBookCoverSheetDocuments(s, r), ...paymentVoucherDocuments(s, r)],
};

/**
 * The statuses whose result is a document: completed, and awaiting payment (VSS's notice of what is due and how to
 * pay it is issued before the money comes; contracts/voluntary-si-results.ts).
 */
const ISSUING = new Set<string>(['completed', 'awaiting-payment']);

/** Every document a dossier's procedures issued, in the procedures' order. */
export function documentsOf(dossier: DossierRow, procs: readonly ProcedureRow[]): IssuedDocument[] {
  const results: Partial<Record<ProcedureCode, Record<string, any>>> = {};
  for (const p of procs) if (ISSUING.has(p.status) && p.result) results[p.code] = p.result;
  const source: Source = { dossier, declaration: dossier.declaration as Record<string, any>, people: dossier.people ?? {}, results };
  return procs.flatMap((p) => {
    const build = BUILDERS[p.code];
    if (!build || !ISSUING.has(p.status) || !p.result) return [];
    return build(source, p.result).map((doc) => ({ ...doc, dossierId: dossier.id, procedure: p.code }));
  });
}
