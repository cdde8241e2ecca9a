import type { TSchema } from 'typebox';
import type { FieldIssue, PersonFacts } from '../../contracts/common.ts';
import type { MessageType, PayloadOf } from '../../contracts/catalogue.ts';
import type { AgencyName } from '../../contracts/parts.ts';
import type { ProcedureCode } from '../../contracts/procedures.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import type { RuleBook } from '../../kernel/rules/rule-book.ts';

export interface Text {
  readonly vi: string;
  readonly en: string;
}

/**
 * A legal time limit: in working days (the Vietnamese working-day calendar), or in calendar days where the
 * law says only "days" ("ngày"), e.g. VSS settles a death within 15 days (Law on SI 2014 art. 112).
 */
export type TimeLimit =
  | { readonly workingDays: number; readonly legalBasis: string }
  | { readonly calendarDays: number; readonly legalBasis: string };

/** Everything a procedure's request may be built from. */
export interface DispatchInput<D> {
  readonly declaration: D;
  /** The register's facts for each person, keyed by path (e.g. "declaration.mother"). */
  readonly people: Readonly<Record<string, PersonFacts>>;
  /** Results of the procedures completed so far. */
  readonly results: Readonly<Partial<Record<ProcedureCode, Record<string, unknown>>>>;
  readonly submittedOn: IsoDate;
  readonly today: IsoDate;
  readonly deadline: IsoDate;
}

export interface ProcedureDefinition<D, T extends MessageType = MessageType> {
  readonly code: ProcedureCode;
  readonly agency: AgencyName;
  readonly title: Text;
  /** Procedures that must be completed before this one is dispatched. */
  readonly requires: readonly ProcedureCode[];
  /**
   * Whether the citizen asked for this procedure (default: always). A procedure not wanted is not created
   * with the dossier: it is never started, and the dossier's status is derived from the others alone.
   * A wanted procedure may not require one that is not (checked at submission).
   */
  readonly wanted?: (declaration: D) => boolean;
  readonly timeLimit: TimeLimit;
  readonly requestType: T;
  readonly request: (input: DispatchInput<D>) => PayloadOf<T>;
}

export interface PersonToVerify {
  readonly path: string;
  readonly pin: string;
  readonly fullName?: string | undefined;
  readonly dateOfBirth?: string | undefined;
}

/** A procedure group as data: read it top to bottom to know what the hub does with a dossier. */
export interface GroupDefinition<D> {
  readonly code: string;
  readonly title: Text;
  readonly declarationSchema: TSchema;
  readonly timeLimit: TimeLimit;
  /**
   * Rules on the declaration alone, checked at the edge after the schema. `rules`: the rule book to check amounts
   * against (social security's, with the versions its operator added, where the hub can see it; else the built-in).
   */
  readonly check: (declaration: D, today: IsoDate, rules?: RuleBook) => FieldIssue[];
  /** The people the population register must confirm before anything is dispatched. */
  readonly peopleToVerify: (declaration: D) => PersonToVerify[];
  /** Rules that need the register's facts (e.g. the household chosen exists). */
  readonly checkVerified: (declaration: D, people: Readonly<Record<string, PersonFacts>>) => FieldIssue[];
  /**
   * The PIN of the citizen who files the declaration (a citizen may only file as themself).
   * Default: `declaration.declarant.pin`; a group whose form has no declarant (voluntary SI: the participant) says
   * where the PIN is (`path`, for the field error) and reads it (`pin`).
   */
  readonly declarant?: { readonly path: string; readonly pin: (declaration: D) => string };
  /** PINs of the citizens who may follow the dossier. */
  readonly parties: (declaration: D) => string[];
  readonly procedures: readonly ProcedureDefinition<D>[];
}

/** Who files a declaration, and where their PIN stands: the group's `declarant`, else `declaration.declarant.pin`. */
export function declarantOf<D>(group: GroupDefinition<D>, declaration: D): { path: string; pin: string } {
  if (group.declarant) return { path: group.declarant.path, pin: group.declarant.pin(declaration) };
  return { path: 'declaration.declarant.pin', pin: (declaration as { declarant: { pin: string } }).declarant.pin };
}

export function issue(path: string, code: string, reason: string, reasonVi: string): FieldIssue {
  return { path, code, reason, reasonVi };
}

/**
 * The procedures a declaration asks for, in the group's order. A wanted procedure that requires one
 * not wanted is a mistake in the group's definition, not in the declaration: it throws.
 */
export function wantedProcedures<D>(group: GroupDefinition<D>, declaration: D): ProcedureDefinition<D>[] {
  const wanted = group.procedures.filter((p) => p.wanted?.(declaration) ?? true);
  const codes = new Set(wanted.map((p) => p.code));
  for (const p of wanted)
    for (const r of p.requires) if (!codes.has(r)) throw new Error(`group ${group.code}: ${p.code} is wanted but requires ${r}, which is not`);
  return wanted;
}
