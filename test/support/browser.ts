import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { totpCode } from '../../src/identity/domain/totp.ts';
import type { Clock } from '../../src/platform/clock.ts';

/**
 * What the end-to-end suites share: Debian's Chromium driven by playwright-core (no bundled browser), with the flags
 * of issue 8; axe-core run in each page (no serious or critical violation); screenshots in test-output/screenshots/
 * (CI keeps that folder); and the citizen's sign-in at the built-in identity provider.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
/** A citizen's password at the built-in provider in the suites. */
export const PASSWORD = 'mật khẩu đủ dài 2025';

export type Page = import('playwright-core').Page;
export type Browser = import('playwright-core').Browser;

/** Whether the browser is there; when not, the suite says so and is skipped. */
export function haveChromium(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.log(`# SKIPPED: ${suite} — no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  const pw = await import('playwright-core');
  return pw.chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** axe-core in the page; fails on a serious or critical violation, naming the rule and the elements. */
export async function axe(page: Page, name: string, checked?: string[]): Promise<void> {
  // Evaluated through the DevTools protocol: the pages' CSP (this origin's files only) stays on, as for a citizen.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${name}: axe-core violations`);
  checked?.push(name);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export interface SignIn {
  readonly base: string;
  readonly pin: string;
  readonly totpSecret: string;
  /** The platform's clock (the TOTP code is the one for its "now"). */
  readonly clock: Clock;
  readonly password?: string;
  /** Checks and a screenshot of the welcome page, under this tag. */
  readonly tag?: string;
  readonly checked?: string[];
}

/** The last TOTP step used per secret: the provider takes a code once only (RFC 6238 §5.2), so a second sign-in waits for the next. */
const lastStep = new Map<string, number>();
const STEP_MS = 30_000;

/** A code for a step not used yet, on the platform's clock (waiting for the next step when this one is spent). */
async function freshCode(secret: string, clock: Clock): Promise<string> {
  const used = lastStep.get(secret);
  let step = Math.floor(clock.now().getTime() / STEP_MS);
  if (used !== undefined && step <= used) {
    await new Promise((r) => setTimeout(r, (used + 1) * STEP_MS - clock.now().getTime() + 250));
    step = Math.floor(clock.now().getTime() / STEP_MS);
  }
  lastStep.set(secret, step);
  return totpCode(secret, new Date(step * STEP_MS + 1));
}

/** From the portal's welcome page through the built-in provider's form (PIN, password, TOTP) back to the portal home. */
export async function signIn(page: Page, o: SignIn): Promise<void> {
  await page.goto(`${o.base}/portal`);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  if (o.tag) {
    await axe(page, `welcome-${o.tag}`, o.checked);
    await shot(page, `01-welcome-${o.tag}`);
  }
  await page.click('a[href="/auth/citizen/sign-in"] >> nth=-1');
  await page.waitForSelector('#pin');
  await page.fill('#pin', o.pin);
  await page.fill('#password', o.password ?? PASSWORD);
  await page.fill('#totp', await freshCode(o.totpSecret, o.clock));
  await Promise.all([page.waitForURL(/\/auth\/citizen\/callback/), page.click('button[type=submit]')]);
  await Promise.all([page.waitForURL(`${o.base}/portal`), page.click('a[href="/portal"]')]);
  await page.waitForSelector('text=Hồ sơ của tôi');
}

/** Clicks a submit button and waits for the page it leads to. */
export async function submitAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}
