import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { RULE_TABLE_NAMES, type RuleTableName } from '../../../kernel/rules/rule-book.ts';
import { SI_FUND_RATE_FIRST_YEAR, SI_FUND_RATE_MAX_PPM } from '../../../kernel/rules/si-fund-rates.ts';
import { SUPPORT_GROUPS } from '../../../kernel/rules/support-rates.ts';
import { officerOf } from '../../../platform/http/auth.ts';
import { ErrorSchema } from '../../../platform/http/schemas.ts';
import { MONEY_MAX, RATE_MAX_BP, VERSION_ID_PATTERN, type NewVersionInput } from './domain/new-version.ts';
import type { SocialSecurityRules } from './service.ts';

const OPERATORS = ['it-operator'] as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Value = Type.Union([Type.Number(), Type.Record(Type.String(), Type.Number())]);
const Version = Type.Object({
  version: Type.String(),
  effectiveFrom: Type.String(),
  value: Value,
  legalBasis: Type.String(),
  source: Type.String({ description: 'built-in (shipped with the code) or operator (added through this API)' }),
  inForce: Type.Boolean({ description: 'the version in force today' }),
  supersededBy: Nullable(Type.String({ description: 'a version added later for the same effective date, which replaced this one before it took effect' })),
  addedBy: Nullable(Type.String()),
  addedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
const TableView = Type.Object({
  table: Type.String(),
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  unit: Type.String(),
  inForce: Nullable(Type.String()),
  versions: Type.Array(Version),
});
const TableParam = Type.Object({ table: Type.Union(RULE_TABLE_NAMES.map((t) => Type.Literal(t)), { description: RULE_TABLE_NAMES.join(', ') }) }, { additionalProperties: false });
const NewVersion = Type.Object(
  {
    version: Type.String({ pattern: VERSION_ID_PATTERN, description: 'a new id, recorded with every decision that uses the version, e.g. base-salary-2027-07' }),
    effectiveFrom: Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the first day it applies: tomorrow or later' }),
    value: Type.Union(
      [
        Type.Integer({ minimum: 1, maximum: MONEY_MAX, description: 'base-salary, rural-poverty-line: whole VND per month' }),
        Type.Object(
          Object.fromEntries(SUPPORT_GROUPS.map((g) => [g, Type.Integer({ minimum: 0, maximum: RATE_MAX_BP })])),
          { additionalProperties: false, description: 'support-rates: basis points of 22% × rural poverty line for each group (20% = 2000)' },
        ),
        Type.Object(
          {
            year: Type.Integer({ minimum: SI_FUND_RATE_FIRST_YEAR, maximum: 9999, description: 'the year VSS published the rate for (at most the year of effectiveFrom)' }),
            monthlyRatePpm: Type.Integer({ minimum: 0, maximum: SI_FUND_RATE_MAX_PPM, description: 'parts per million a month (0.4% = 4000)' }),
          },
          { additionalProperties: false, description: 'si-fund-rate: the SI fund monthly investment rate VSS published for a year (voluntary-SI lump sums; docs/voluntary-si.md)' },
        ),
      ],
      { description: 'the table’s value (docs/back-office.md “Rule tables”)' },
    ),
    legalBasis: Type.String({ minLength: 3, maxLength: 300, description: 'the act (and article) that sets the value' }),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'why it is added (kept with the version and in the audit trail)' }),
  },
  { additionalProperties: false },
);

/** Social security's rule tables, for its IT operator (issue 7 item 2). */
export function socialSecurityRuleRoutes(rules: SocialSecurityRules) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/agencies/social-security/rules',
      {
        schema: {
          tags: ['social-security'],
          summary: 'The effective-dated rule tables (base salary, rural poverty line, support rates, SI fund rate): every version, built-in and added, and the one in force today',
          response: { 200: Type.Object({ today: Type.String(), tables: Type.Array(TableView) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => rules.tables(officerOf(req, 'social-security', OPERATORS)),
    );
    app.post(
      '/api/v1/agencies/social-security/rules/:table/versions',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Add a version to a rule table from a future date (a new decree), with no release; decisions already taken keep the versions they used. National IT operator; audited.',
          params: TableParam,
          body: NewVersion,
          response: { 201: TableView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const view = await rules.addVersion(officerOf(req, 'social-security', OPERATORS), (req.params as { table: RuleTableName }).table, req.body as NewVersionInput);
        return reply.status(201).send(view);
      },
    );
  };
}
