import type { FieldIssue } from '../../../contracts/common.ts';

/**
 * The texts of the citizen's notifications, in Vietnamese and English, one per event. The applicant is told the
 * result of an online procedure and any supplement asked with its last day (Decree 45/2020/ND-CP on administrative
 * procedures by electronic means; the 7 working days to answer: Decree 63/2024/ND-CP). A message carries the
 * dossier number, the procedure, the reasons or fields as the agency worded them, the last day and a link to the
 * dossier — never a value the citizen declared (no name, PIN or sensitive field).
 */
export type NotificationLanguage = 'vi' | 'en';

export interface MessageInput {
  readonly event: 'completed' | 'rejected' | 'supplement-requested';
  readonly language: NotificationLanguage;
  readonly dossierId: string;
  readonly procedure: { readonly vi: string; readonly en: string };
  readonly reasons?: readonly FieldIssue[];
  /** The citizen's last day to answer a supplement request (ISO date). */
  readonly deadline?: string;
  readonly link: string;
}

export interface Message {
  readonly subject: string;
  readonly text: string;
  /** A short text for an SMS: the event, the dossier and the link. */
  readonly sms: string;
}

/** 2025-02-11 → 11/02/2025, the way dates are written in Vietnamese administration. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const short = (id: string) => id.slice(0, 8);

export function messageFor(m: MessageInput): Message {
  const reasons = m.reasons ?? [];
  if (m.language === 'vi') {
    const title = m.procedure.vi;
    const lines = reasons.map((r) => `- ${r.reasonVi}`);
    switch (m.event) {
      case 'completed':
        return {
          subject: `Hồ sơ ${short(m.dossierId)}: ${title} đã hoàn thành`,
          text: `Thủ tục "${title}" của hồ sơ ${m.dossierId} đã hoàn thành.\n\nXem kết quả: ${m.link}\n`,
          sms: `Ho so ${short(m.dossierId)}: thu tuc da hoan thanh. ${m.link}`,
        };
      case 'rejected':
        return {
          subject: `Hồ sơ ${short(m.dossierId)}: ${title} bị từ chối`,
          text: `Thủ tục "${title}" của hồ sơ ${m.dossierId} bị từ chối vì:\n${lines.join('\n')}\n\nXem hồ sơ: ${m.link}\n`,
          sms: `Ho so ${short(m.dossierId)}: thu tuc bi tu choi. ${m.link}`,
        };
      case 'supplement-requested':
        return {
          subject: `Hồ sơ ${short(m.dossierId)}: cần bổ sung cho ${title}`,
          text:
            `Thủ tục "${title}" của hồ sơ ${m.dossierId} cần bổ sung:\n${lines.join('\n')}\n\n` +
            `Hạn bổ sung: hết ngày ${viDate(m.deadline ?? '')}. Quá hạn, thủ tục bị từ chối.\n\nBổ sung tại: ${m.link}\n`,
          sms: `Ho so ${short(m.dossierId)}: can bo sung truoc ${viDate(m.deadline ?? '')}. ${m.link}`,
        };
    }
  }
  const title = m.procedure.en;
  const lines = reasons.map((r) => `- ${r.reason}`);
  switch (m.event) {
    case 'completed':
      return {
        subject: `Dossier ${short(m.dossierId)}: ${title} completed`,
        text: `The procedure "${title}" of dossier ${m.dossierId} is completed.\n\nSee the result: ${m.link}\n`,
        sms: `Dossier ${short(m.dossierId)}: procedure completed. ${m.link}`,
      };
    case 'rejected':
      return {
        subject: `Dossier ${short(m.dossierId)}: ${title} refused`,
        text: `The procedure "${title}" of dossier ${m.dossierId} is refused:\n${lines.join('\n')}\n\nSee the dossier: ${m.link}\n`,
        sms: `Dossier ${short(m.dossierId)}: procedure refused. ${m.link}`,
      };
    case 'supplement-requested':
      return {
        subject: `Dossier ${short(m.dossierId)}: a supplement is needed for ${title}`,
        text:
          `The procedure "${title}" of dossier ${m.dossierId} needs a supplement:\n${lines.join('\n')}\n\n` +
          `Last day to answer: ${m.deadline ?? ''}. After it, the procedure is refused.\n\nAnswer at: ${m.link}\n`,
        sms: `Dossier ${short(m.dossierId)}: supplement needed by ${m.deadline ?? ''}. ${m.link}`,
      };
  }
}
