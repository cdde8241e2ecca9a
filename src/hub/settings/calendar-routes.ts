import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { officerOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { HubCalendars } from './calendars.ts';
import type { CalendarChange } from './domain/calendar-change.ts';

const OPERATORS = ['it-operator'] as const;
const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Year = Type.Object({ year: Type.String({ pattern: '^(19|20|21)\\d{2}$', description: 'the year, 1900–2199' }) }, { additionalProperties: false });
const Range = Type.Array(Type.String(), { description: '[first day, last day], inclusive' });
const View = Type.Object({
  year: Type.Integer(),
  source: Type.String({ description: 'published (shipped with the code), computed (from the Labour Code alone) or operator (set through this API)' }),
  legalBasis: Type.String(),
  off: Type.Array(Range, { description: 'the days off as inclusive ranges of consecutive days (weekend days inside a range included)' }),
  daysOff: Type.Array(Type.String()),
  workingSaturdays: Type.Array(Type.String()),
  statutoryHolidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() }), { description: 'Labor Code 2019 art. 112.1, with Tết by the computed default' }),
  changes: Type.Array(
    Type.Object({ setAt: Type.String(), setBy: Type.String(), reason: Type.String(), legalBasis: Type.String(), off: Type.Array(Range), workingSaturdays: Type.Array(Type.String()) }),
  ),
});
const Change = Type.Object(
  {
    off: Type.Array(Type.Array(Day, { minItems: 2, maxItems: 2 }), { maxItems: 60, description: 'inclusive ranges [first, last] of days off in the year' }),
    workingSaturdays: Type.Array(Day, { maxItems: 20, description: 'Saturdays worked in exchange for a swapped day' }),
    legalBasis: Type.String({ minLength: 3, maxLength: 300, description: 'the decision the calendar comes from' }),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'why it changes (kept with the change and in the audit trail)' }),
  },
  { additionalProperties: false },
);

/** The yearly holiday calendars the hub counts working days on, for the hub's IT operator (issue 7 item 2). */
export function hubCalendarRoutes(calendars: HubCalendars) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/settings/calendars/:year',
      {
        schema: {
          tags: ['settings'],
          summary: 'A year’s holiday calendar in force (days off, working Saturdays, source) and every change an operator made',
          params: Year,
          response: { 200: View, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => calendars.view(officerOf(req, 'hub', OPERATORS), Number((req.params as { year: string }).year)),
    );
    app.put(
      '/api/v1/settings/calendars/:year',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set a year’s holiday calendar (a new decision); only days after today may change, deadlines already computed keep their dates. National IT operator; audited.',
          params: Year,
          body: Change,
          response: { 200: View, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) =>
        calendars.change(officerOf(req, 'hub', OPERATORS), Number((req.params as { year: string }).year), req.body as unknown as CalendarChange),
    );
  };
}
