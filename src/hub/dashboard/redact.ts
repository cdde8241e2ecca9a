import { SENSITIVE_MESSAGE_FIELDS } from '../../contracts/sensitive-fields.ts';

/**
 * Keys never shown in a message payload here, whatever the message type: bank accounts and health details
 * (Decree 13/2023/ND-CP art. 2(4)(c), (h); contracts/sensitive-fields.ts). A belt to the braces of the declared paths.
 */
const NEVER = new Set(['bankAccount', 'accountNumber', 'cause', 'incapacityPercent', 'answers']);

/**
 * A message payload fit for a hub officer's eyes: the fields contracts/sensitive-fields.ts declares sensitive for
 * this type, any sealed value (`{ $sealed }`) and any key in NEVER are dropped, and their paths listed in
 * `omitted`. Nothing is opened: the history never needs the data key.
 */
export function redactPayload(type: string, payload: unknown): { payload: unknown; omitted: string[] } {
  const omitted: string[] = [];
  const declared = (SENSITIVE_MESSAGE_FIELDS[type] ?? []).map((p) => p.split('.'));
  const walk = (node: unknown, at: string[]): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => walk(v, [...at, String(i)]));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const path = [...at, k];
      const sealed = typeof v === 'object' && v !== null && '$sealed' in v;
      if (NEVER.has(k) || sealed || declared.some((d) => matches(d, path))) {
        omitted.push(path.join('.'));
        continue;
      }
      out[k] = walk(v, path);
    }
    return out;
  };
  return { payload: walk(payload, []), omitted };
}

/** Whether a declared path (with `*` for any key or index) names exactly this path. */
function matches(declared: readonly string[], path: readonly string[]): boolean {
  return declared.length === path.length && declared.every((seg, i) => seg === '*' || seg === path[i]);
}
