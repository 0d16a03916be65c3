/**
 * The CLI's secret storage: one file per key in a folder only the user can read (0700, files 0600),
 * written atomically. VS Code keeps the same caches in its SecretStorage instead.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomicFiles';
import type { SecretStore } from './msalTokenSource';

const fileOf = (folder: string, key: string) => path.join(folder, `${key.replace(/[^\w.-]/g, '_')}.json`);

export function fileSecretStore(folder: string): SecretStore {
  return {
    async get(key) {
      try {
        return await fs.readFile(fileOf(folder, key), 'utf8');
      } catch {
        return undefined;
      }
    },
    async store(key, value) {
      await fs.mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFileAtomic(fileOf(folder, key), value);
      await fs.chmod(fileOf(folder, key), 0o600);
    },
    async delete(key) {
      await fs.rm(fileOf(folder, key), { force: true });
    },
  };
}
