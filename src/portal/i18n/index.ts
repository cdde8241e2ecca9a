import type { FastifyRequest } from 'fastify';
import { en } from './en.ts';
import { vi, type MessageKey } from './vi.ts';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** The language cookie: not a secret, read by the server only; `__Host-` pins it to this origin. */
export const LANG_COOKIE = '__Host-lienthong-lang';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): T {
  const d = DICTIONARIES[lang];
  return (key, vars) => d[key].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}

/** `?lang=` wins (and the routes store it in the cookie); then the cookie; Vietnamese by default. */
export function langOf(req: FastifyRequest, cookies: Record<string, string>): { lang: Lang; fromQuery: boolean } {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'vi' || q === 'en') return { lang: q, fromQuery: true };
  return { lang: cookies[LANG_COOKIE] === 'en' ? 'en' : 'vi', fromQuery: false };
}
