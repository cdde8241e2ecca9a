import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The last lines each child wrote, so a start that fails can say why. */
const tails = new WeakMap<ChildProcess, string[]>();

/** Runs the real CLI (`lienthong …`) in a child process, as an operator would. */
export function lienthong(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  tails.set(child, tail);
  child.stderr!.on('data', (d: Buffer) => {
    tail.push(...d.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  });
  return child;
}

export async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = lienthong(args, env);
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (d) => (stdout += d));
  p.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((r) => p.on('exit', (c) => r(c ?? -1)));
  return { code, stdout, stderr };
}

/**
 * Waits until the server answers /health. Generous (a loaded CI machine starts a process slowly); with the process
 * given, a process that died is reported at once with what it wrote.
 */
export async function waitForHealth(base: string, ms = 180_000, proc?: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc && proc.exitCode !== null) throw new Error(`${base}: the process exited with code ${proc.exitCode}\n${(tails.get(proc) ?? []).join('\n')}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become healthy`);
}
