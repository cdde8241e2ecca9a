import type { Lang } from '../../portal/i18n/index.ts';
import { en } from './en.ts';
import { vi, type OfficeKey } from './vi.ts';

/**
 * The back office's own dictionaries (the portal's are the citizen's); the language itself — `?lang=`, then the
 * cookie the portal also uses, Vietnamese by default — is chosen as in the portal, so one switch serves both.
 */
export type { Lang, OfficeKey };
export const DICTIONARIES: Record<Lang, Record<OfficeKey, string>> = { vi, en };

export type T = (key: OfficeKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): T {
  const d = DICTIONARIES[lang];
  return (key, vars) => d[key].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}

/** A key only if the dictionary has it (codes that come from the API: statuses, roles, agencies). */
export function known(key: string): key is OfficeKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}
