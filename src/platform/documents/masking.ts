/**
 * What a public verification page shows of a person: the initials of the name and the year of birth — enough to
 * compare with the paper in hand, too little to learn who someone is (Decree 13/2023/ND-CP: minimum data).
 */
export function initialsOf(fullName: string): string {
  return fullName
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]!.toLocaleUpperCase('vi')}.`)
    .join(' ');
}

export function birthYearOf(date: string | null | undefined): string | null {
  return date && /^\d{4}-/.test(date) ? date.slice(0, 4) : null;
}

/** A number shown on a public page with all but its last four characters hidden (an HI card number, an SI code). */
export function maskTail(value: string, keep = 4): string {
  return value.length <= keep ? value : `${'•'.repeat(value.length - keep)}${value.slice(-keep)}`;
}
