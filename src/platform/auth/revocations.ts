/**
 * Bearer tokens are self-contained (signed JWTs), so a disabled account or a rotated secret would otherwise keep
 * working until its tokens expire. The revocation list says, per subject (`officer:alice`, `system:vss-core`,
 * `citizen:…`), that every token issued before an instant is void. It is held in memory so that verifying a token
 * stays free of I/O; the identity part fills it from its table and refreshes it (identity/revocations.ts).
 *
 * Instants are wall-clock milliseconds, like a token's `iat`, not the platform's (possibly simulated) clock.
 */
export class RevocationList {
  private readonly before = new Map<string, number>();
  private refresher: (() => void) | undefined;

  /** Every token of `subject` issued before `beforeMs` is void (a later call can only move the instant on). */
  revoke(subject: string, beforeMs: number): void {
    const cur = this.before.get(subject) ?? 0;
    if (beforeMs > cur) this.before.set(subject, beforeMs);
  }

  /** Called on each check, so that the owner can refresh the list from its store now and then. */
  onCheck(refresh: () => void): void {
    this.refresher = refresh;
  }

  /** Whether a token of `subject` issued at `issuedAtMs` is void: issued before the subject's revocation. */
  isRevoked(subject: string, issuedAtMs: number): boolean {
    this.refresher?.();
    const t = this.before.get(subject);
    return t !== undefined && issuedAtMs < t;
  }
}
