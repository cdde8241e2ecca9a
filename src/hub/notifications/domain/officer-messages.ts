/**
 * The e-mail an agency's office gets when one of its procedures passes its last day (notifications/overdue.ts).
 * Officers work in Vietnamese: the Vietnamese text first, the English after it, in one message. It names the dossier,
 * the procedure, the province and the last day — never a citizen's name, PIN or anything declared.
 */
export interface OverdueFacts {
  readonly dossierId: string;
  readonly procedure: { readonly vi: string; readonly en: string };
  readonly agency: string;
  readonly provinceCode: string | null;
  /** YYYY-MM-DD: the agency's last day (counted in working days at dispatch). */
  readonly lastDay: string;
}

const AGENCY: Record<string, { vi: string; en: string }> = {
  'civil-registry': { vi: 'cơ quan đăng ký hộ tịch', en: 'the civil registry' },
  population: { vi: 'cơ quan đăng ký cư trú', en: 'the residence registry' },
  'social-security': { vi: 'cơ quan Bảo hiểm xã hội', en: 'social security' },
  health: { vi: 'cơ sở y tế', en: 'the health facility' },
};

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function overdueMessage(f: OverdueFacts): { subject: string; text: string } {
  const short = f.dossierId.slice(0, 8);
  const agency = AGENCY[f.agency] ?? { vi: f.agency, en: f.agency };
  const province = f.provinceCode ? { vi: ` (tỉnh mã ${f.provinceCode})`, en: ` (province ${f.provinceCode})` } : { vi: '', en: '' };
  return {
    subject: `Quá hạn / Overdue: ${f.procedure.vi} — hồ sơ ${short}`,
    text: [
      `Thủ tục “${f.procedure.vi}” của hồ sơ ${f.dossierId}${province.vi} đã quá hạn giải quyết: hạn cuối của ${agency.vi} là hết ngày ${dmy(f.lastDay)}.`,
      'Vui lòng xử lý hồ sơ trong danh sách công việc (GET /api/v1/dashboard/overdue).',
      '',
      `The procedure “${f.procedure.en}” of dossier ${f.dossierId}${province.en} is overdue: the last day for ${agency.en} was ${f.lastDay}.`,
      'Please deal with it from the worklist (GET /api/v1/dashboard/overdue).',
      '',
      '— Hệ thống liên thông / lienthong',
    ].join('\n'),
  };
}
