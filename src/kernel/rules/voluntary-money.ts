/**
 * Money arithmetic for the voluntary-* rules: integer VND, percentages held as integer basis points
 * (22% = 2,200 bp), rounded half up to the whole dong in exact integer arithmetic (no legal rounding
 * rule is known for these amounts; with the current tables the products are whole dong anyway).
 *
 * Example: applyBasisPoints(1_500_000, 2_200) === 330_000; applyBasisPoints(1_500_001, 2_200) === 330_000
 *          (330,000.22 → 330,000); divideRoundHalfUp(5, 2) === 3.
 */

/**
 * `amount × bp / 10,000` rounded half up to the whole dong, in exact integer arithmetic
 * (amount and bp non-negative integers, product below 2^53). Example: applyBasisPoints(1_500_001, 2_200) === 330_000.
 */
export function applyBasisPoints(amount: number, bp: number): number {
  return divideRoundHalfUp(amount * bp, 10_000);
}

/** `num / den` rounded half up, exact for non-negative safe integers. */
export function divideRoundHalfUp(num: number, den: number): number {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num < 0 || den <= 0) {
    throw new RangeError(`divideRoundHalfUp needs non-negative safe integers: ${num} / ${den}`);
  }
  const r = num % den;
  const q = (num - r) / den;
  return 2 * r >= den ? q + 1 : q;
}

/** Thousands with commas (en) or dots (vi): 1500000 → '1,500,000' / '1.500.000'. */
export function formatVnd(amount: number, lang: 'en' | 'vi'): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '.');
}
