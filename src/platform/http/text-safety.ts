import { fieldError, type FieldError } from '../../kernel/errors.ts';

/**
 * NUL, or a UTF-16 surrogate without its pair. PostgreSQL stores neither — a NUL in text or a `\u0000` in jsonb is
 * refused (22021, 22P05), and so is an escaped lone surrogate in jsonb (22P02) — and a lone surrogate sent as text is
 * silently replaced by U+FFFD. Either way the caller's data would not be what they sent, so it is refused at the edge.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

const MAX_FIELDS = 20;

const reason = () =>
  ['text-not-storable', 'The text contains a NUL character or an unpaired surrogate, which cannot be stored.', 'Văn bản chứa ký tự NUL hoặc một nửa cặp surrogate UTF-16 đứng riêng, không thể lưu.'] as const;

interface Node {
  readonly v: unknown;
  readonly key: string | null;
  readonly parent: Node | null;
}

/** `declaration.child.placeOfBirth`, from the node up (the characters at fault shown as U+FFFD). */
function pathOf(n: Node, base: string, key?: string): string {
  const segs: string[] = key === undefined ? [] : [key];
  for (let x: Node | null = n; x && x.key !== null; x = x.parent) segs.push(x.key);
  return [base, ...segs.reverse().map((s) => s.replace(UNSTORABLE_ALL, '\uFFFD'))].filter(Boolean).join('.') || 'body';
}

/**
 * Every string (value or key) in a parsed request part that cannot be stored, as field errors under `base`.
 * Walks with its own stack, not recursion, and keeps no copied paths: a body nested thousands deep must neither
 * overflow the call stack nor cost memory by the square of its depth.
 */
export function unstorableText(value: unknown, base: string): FieldError[] {
  const out: FieldError[] = [];
  const stack: Node[] = [{ v: value, key: null, parent: null }];
  while (stack.length && out.length < MAX_FIELDS) {
    const n = stack.pop()!;
    if (typeof n.v === 'string') {
      if (UNSTORABLE.test(n.v)) out.push(fieldError(pathOf(n, base), ...reason()));
    } else if (Array.isArray(n.v)) {
      n.v.forEach((x, i) => stack.push({ v: x, key: String(i), parent: n }));
    } else if (typeof n.v === 'object' && n.v !== null) {
      for (const [k, x] of Object.entries(n.v)) {
        if (UNSTORABLE.test(k)) out.push(fieldError(pathOf(n, base, k), ...reason()));
        stack.push({ v: x, key: k, parent: n });
      }
    }
  }
  return out;
}
