/** Small pieces every CLI command shares. */
import * as path from 'node:path';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  now: Date;
}

/** An error that means "wrong arguments": the CLI prints the usage and exits 64. */
export function usageError(message: string): Error {
  return Object.assign(new Error(message), { code: 'USAGE' });
}

/** A path as the user would type it from where they are. */
export function relativeToCwd(io: Io, file: string): string {
  const r = path.relative(io.cwd, file);
  return r.startsWith('..') ? file : r || file;
}
