import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The token-signing secret: LIENTHONG_TOKEN_SECRET when set (distributed mode, production);
 * otherwise, for embedded mode, one generated on first start and kept in the data folder (mode 0600).
 * Never in the repository.
 */
export function tokenSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.LIENTHONG_TOKEN_SECRET) return env.LIENTHONG_TOKEN_SECRET;
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'token-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}
