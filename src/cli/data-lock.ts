import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite keeps its files for one process at a time. Whoever opens the data folder writes its pid
 * here; a second process that finds a live pid refuses with a clear message instead of corrupting it.
 */
export function lockDataDir(dataDir: string, what: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'lienthong.pid');
  if (existsSync(file)) {
    const [pidText, holder] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    if (pid && pid !== process.pid && alive(pid))
      throw new Error(`${dataDir} is in use by ${holder ?? 'another lienthong process'} (pid ${pid}). Stop it first, or use another DATA_DIR.`);
  }
  writeFileSync(file, `${process.pid}\n${what}\n`);
  return () => rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
