import { IncapacityProof } from '../contracts/declarations/death.ts';
import { IslandCommuneProof } from '../contracts/declarations/island-commune-proof.ts';
import type { FieldIssue } from '../contracts/common.ts';
import type { FieldError } from '../kernel/errors.ts';
import { validate } from '../platform/validation.ts';
import type { FormField } from './forms.ts';
import type { MessageKey } from './i18n/index.ts';

/**
 * Answering a supplement request from the dossier page. Most requests are answered with a line of text; some fields
 * are answered with a record of several parts, in the shape the agency reads (`contracts/`): social security asks for
 * the medical assessment council's record of a relative declared with ≥ 81% incapacity (`IncapacityProof`, Law on SI
 * 2014 art. 111), asked on `declaration.relatives.N.incapacityPercent`; and the commune's confirmation of residence
 * of a voluntary participant claiming the island-commune support (`IslandCommuneProof`, Decree 159/2025/ND-CP), asked
 * on `declaration.supportGroup`. The page shows one input per part and sends the record; a part left wrong is shown
 * beside its input, with everything typed kept.
 */
interface CompoundAnswer {
  readonly test: RegExp;
  /** The heading of the record's inputs. */
  readonly legend: MessageKey;
  readonly parts: readonly FormField[];
  /** The parts' text as the record the agency reads. */
  record(values: Readonly<Record<string, string>>): Record<string, unknown>;
  validate(record: unknown): FieldError[];
}

const COMPOUND: readonly CompoundAnswer[] = [
  {
    test: /^declaration\.relatives\.\d+\.incapacityPercent$/,
    legend: 'supplementProofFor',
    parts: [
      { name: 'assessmentNumber', label: 'supplementAssessmentNumber', kind: 'text' },
      { name: 'assessedOn', label: 'supplementAssessedOn', kind: 'date', hint: 'hintDate' },
      { name: 'incapacityPercent', label: 'supplementIncapacity', kind: 'integer', as: 'integer' },
    ],
    // A part left empty is left out, so the schema says it is required.
    record: (v) => ({
      ...(v.assessmentNumber ? { assessmentNumber: v.assessmentNumber } : {}),
      ...(v.assessedOn ? { assessedOn: v.assessedOn } : {}),
      ...(v.incapacityPercent ? { incapacityPercent: /^\d{1,3}$/.test(v.incapacityPercent) ? Number(v.incapacityPercent) : v.incapacityPercent } : {}),
    }),
    validate: (r) => validate(IncapacityProof, r, ''),
  },
  {
    test: /^declaration\.supportGroup$/, // ISLAND_COMMUNE_PROOF_PATH
    legend: 'supplementIslandProofFor',
    parts: [
      { name: 'confirmationNumber', label: 'supplementConfirmationNumber', kind: 'text' },
      { name: 'issuedOn', label: 'supplementConfirmedOn', kind: 'date', hint: 'hintDate' },
      { name: 'commune', label: 'supplementIslandCommune', kind: 'text' },
    ],
    record: (v) => ({
      ...(v.confirmationNumber ? { confirmationNumber: v.confirmationNumber } : {}),
      ...(v.issuedOn ? { issuedOn: v.issuedOn } : {}),
      ...(v.commune ? { commune: v.commune } : {}),
    }),
    validate: (r) => validate(IslandCommuneProof, r, ''),
  },
];

/** The input name of an answer (`answer.PATH`), or of one part of it (`answer.PATH.PART`). */
export const answerName = (path: string, part?: string) => `answer.${path}${part ? `.${part}` : ''}`;

/** The parts of the answer to a field asked for, when it is a record; else none (a line of text). */
export function answerParts(path: string): readonly FormField[] {
  return COMPOUND.find((c) => c.test.test(path))?.parts ?? [];
}

/** The heading of a record answer's inputs. */
export function answerLegend(path: string): MessageKey {
  return COMPOUND.find((c) => c.test.test(path))?.legend ?? 'supplementProofFor';
}

export interface ReadAnswers {
  /** The answers to send, keyed by the path asked for. */
  readonly answers: Record<string, unknown>;
  /** What was typed, by input name (to show the form again). */
  readonly values: Record<string, string>;
  /** Problems by input name (a part, or the answer's own input). */
  readonly errors: Map<string, FieldError>;
}

/** The answers a posted body gives to the fields asked for (nothing else is read). */
export function readAnswers(asked: readonly FieldIssue[], body: Readonly<Record<string, unknown>>): ReadAnswers {
  const answers: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  const errors = new Map<string, FieldError>();
  const text = (name: string) => {
    const v = body[name];
    const s = typeof v === 'string' ? v.trim().slice(0, 200) : '';
    values[name] = s;
    return s;
  };
  for (const f of asked) {
    const compound = COMPOUND.find((c) => c.test.test(f.path));
    if (!compound) {
      const v = text(answerName(f.path));
      if (v) answers[f.path] = v;
      continue;
    }
    const parts = Object.fromEntries(compound.parts.map((p) => [p.name, text(answerName(f.path, p.name))]));
    const record = compound.record(parts);
    for (const e of compound.validate(record)) {
      const part = compound.parts.find((p) => e.path === p.name);
      const name = answerName(f.path, part?.name);
      if (!errors.has(name)) errors.set(name, e);
    }
    answers[f.path] = record;
  }
  return { answers, values, errors };
}
