import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import { ApiFailure } from '../api.ts';
import type { OfficeKit, SignedIn } from '../kit.ts';
import { calendarPage, rulesPage, type CalendarView, type Refusal, type RuleTable } from '../views/rules.ts';
import { Done, failurePage, Lang, page } from './shared.ts';

const Body = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 4000 }), { maxProperties: 40 });
const DAY = /\d{4}-\d{2}-\d{2}/g;
const refusal = (fields: FieldError[]) => new ApiFailure(400, 'VALIDATION_FAILED', 'Yêu cầu không hợp lệ.', 'The request is not valid.', fields);
/** This year in Vietnam (UTC+7, no daylight saving), when the page is opened without one. */
const thisYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

/** A textarea of days off, one range per line ("2026-02-14 2026-02-22", or one day), as the API's [first, last] pairs. */
export function rangesOf(text: string): { ranges: string[][]; bad: number[] } {
  const ranges: string[][] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const days = line.match(DAY) ?? [];
    if (days.length === 1) ranges.push([days[0]!, days[0]!]);
    else if (days.length === 2) ranges.push([days[0]!, days[1]!]);
    else bad.push(i + 1);
  });
  return { ranges, bad };
}

/** The rule tables (social security's IT operator) and the holiday calendar (the hub's IT operator). */
export function ruleRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    async function showRules(c: SignedIn, reply: FastifyReply, s: { done?: string | undefined; refusal?: Refusal }, status = 200) {
      try {
        const v = await kit.json<{ today: string; tables: RuleTable[] }>(c, { method: 'GET', path: '/api/v1/agencies/social-security/rules' });
        return kit.send(reply, rulesPage(c, v, s), status);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }

    app.get('/office/settings/rules', { schema: { ...page, summary: 'Social security’s IT operator: the effective-dated rule tables', querystring: Type.Object({ lang: Lang, done: Done }, { additionalProperties: false }) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      return showRules(c, reply, { done: (req.query as { done?: string }).done });
    });

    app.post('/office/settings/rules', { schema: { ...page, summary: 'Add a version to a rule table from a future date (national operator; audited by the API)', body: Body } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as Record<string, string>;
      kit.checkCsrf(c, body._csrf);
      const table = body.table ?? '';
      const typed = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('_')));
      if (!/^[a-z][a-z-]{1,40}$/.test(table)) return showRules(c, reply, { refusal: { failure: refusal([fieldError('table', 'unknown-table', 'No such table.', 'Không có bảng này.')]), typed } }, 400);
      const num = (s: string | undefined) => (/^\d{1,15}$/.test((s ?? '').trim()) ? Number(s!.trim()) : (s ?? ''));
      const groups = Object.keys(body).filter((k) => k.startsWith('value.'));
      const value = groups.length ? Object.fromEntries(groups.map((k) => [k.slice('value.'.length), num(body[k])])) : num(body.value);
      try {
        await kit.json(c, {
          method: 'POST',
          path: `/api/v1/agencies/social-security/rules/${encodeURIComponent(table)}/versions`,
          body: { version: (body.version ?? '').trim(), effectiveFrom: (body.effectiveFrom ?? '').trim(), value, legalBasis: (body.legalBasis ?? '').trim(), reason: (body.reason ?? '').trim() },
        });
        return reply.header('cache-control', 'no-store').redirect(`/office/settings/rules?done=saved#t-${table}`, 303);
      } catch (e) {
        if (e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 401) return showRules(c, reply, { refusal: { failure: e, table, typed } }, e.status);
        return failurePage(kit, c, reply, e);
      }
    });

    async function showCalendar(c: SignedIn, reply: FastifyReply, year: number, s: { done?: string | undefined; refusal?: Refusal }, status = 200) {
      try {
        const v = await kit.json<CalendarView>(c, { method: 'GET', path: `/api/v1/settings/calendars/${year}` });
        return kit.send(reply, calendarPage(c, v, s), status);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }

    app.get(
      '/office/settings/calendar',
      { schema: { ...page, summary: 'The hub’s IT operator: a year’s working-day calendar (days off, working Saturdays)', querystring: Type.Object({ lang: Lang, done: Done, year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2199 })) }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        const q = req.query as { year?: number; done?: string };
        return showCalendar(c, reply, q.year ?? thisYear(), { done: q.done });
      },
    );

    app.post('/office/settings/calendar', { schema: { ...page, summary: 'Set a year’s calendar (national operator; only days after today change; audited by the API)', body: Body } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as Record<string, string>;
      kit.checkCsrf(c, body._csrf);
      const year = /^(19|20|21)\d{2}$/.test(body.year ?? '') ? Number(body.year) : thisYear();
      const typed = { off: body.off ?? '', workingSaturdays: body.workingSaturdays ?? '', legalBasis: body.legalBasis ?? '', reason: body.reason ?? '' };
      const off = rangesOf(typed.off);
      const saturdays = rangesOf(typed.workingSaturdays);
      const issues = [
        ...off.bad.map((n) => fieldError('off', 'not-a-range', `Line ${n}: one day, or the first and last day of a range (YYYY-MM-DD).`, `Dòng ${n}: một ngày, hoặc ngày đầu và ngày cuối của một khoảng (YYYY-MM-DD).`)),
        ...saturdays.bad.map((n) => fieldError('workingSaturdays', 'not-a-day', `Line ${n}: one day per line (YYYY-MM-DD).`, `Dòng ${n}: mỗi dòng một ngày (YYYY-MM-DD).`)),
        ...saturdays.ranges.filter(([a, b]) => a !== b).map(() => fieldError('workingSaturdays', 'not-a-day', 'Working Saturdays are single days.', 'Thứ Bảy làm việc là từng ngày riêng.')),
      ];
      if (issues.length) return showCalendar(c, reply, year, { refusal: { failure: refusal(issues), typed } }, 400);
      try {
        await kit.json(c, {
          method: 'PUT',
          path: `/api/v1/settings/calendars/${year}`,
          body: { off: off.ranges, workingSaturdays: saturdays.ranges.map(([a]) => a!), legalBasis: typed.legalBasis.trim(), reason: typed.reason.trim() },
        });
        return reply.header('cache-control', 'no-store').redirect(`/office/settings/calendar?year=${year}&done=saved`, 303);
      } catch (e) {
        if (e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 401) return showCalendar(c, reply, year, { refusal: { failure: e, typed } }, e.status);
        return failurePage(kit, c, reply, e);
      }
    });
  };
}
