import type { TSchema } from 'typebox';
import type { FieldIssue, PersonFacts } from '../../contracts/common.ts';
import type { MessageType, PayloadOf } from '../../contracts/catalogue.ts';
import type { AgencyName } from '../../contracts/parts.ts';
import type { ProcedureCode } from '../../contracts/procedures.ts';
import type { IsoDate } from '../../kernel/dates.ts';

export interface Text {
  readonly vi: string;
  readonly en: string;
}

export interface TimeLimit {
  readonly workingDays: number;
  readonly legalBasis: string;
}

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
  /** Rules on the declaration alone, checked at the edge after the schema. */
  readonly check: (declaration: D, today: IsoDate) => FieldIssue[];
  /** The people the population register must confirm before anything is dispatched. */
  readonly peopleToVerify: (declaration: D) => PersonToVerify[];
  /** Rules that need the register's facts (e.g. the household chosen exists). */
  readonly checkVerified: (declaration: D, people: Readonly<Record<string, PersonFacts>>) => FieldIssue[];
  /** PINs of the citizens who may follow the dossier. */
  readonly parties: (declaration: D) => string[];
  readonly procedures: readonly ProcedureDefinition<D>[];
}

export function issue(path: string, code: string, reason: string, reasonVi: string): FieldIssue {
  return { path, code, reason, reasonVi };
}
