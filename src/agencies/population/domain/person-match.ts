import type { FieldIssue } from '../../../contracts/common.ts';

/**
 * Names are compared as the register writes them, ignoring case, spacing and Unicode composition
 * (NFC vs NFD "Nguyễn"), but not diacritics: "Lê" and "Le" are different names in Vietnamese.
 */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

interface Registered {
  fullName: string;
  dateOfBirth: string;
}

/** What a declaration says of a person against what the register holds (PIN already found). */
export function matchPerson(path: string, declared: { fullName?: string | undefined; dateOfBirth?: string | undefined }, reg: Registered): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (declared.fullName !== undefined && !sameName(declared.fullName, reg.fullName))
    out.push({ path: `${path}.fullName`, code: 'name-mismatch', reason: 'The name does not match the population register.', reasonVi: 'Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.' });
  if (declared.dateOfBirth !== undefined && declared.dateOfBirth !== reg.dateOfBirth)
    out.push({ path: `${path}.dateOfBirth`, code: 'date-of-birth-mismatch', reason: 'The date of birth does not match the population register.', reasonVi: 'Ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.' });
  return out;
}

export function notFound(path: string): FieldIssue {
  return { path: `${path}.pin`, code: 'not-found', reason: 'No person with this PIN is in the population register.', reasonVi: 'Không tìm thấy số định danh cá nhân trong Cơ sở dữ liệu quốc gia về dân cư.' };
}
