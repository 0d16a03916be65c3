/**
 * Writing a generation to disk, the one way every caller does it: each file encoded (with the BOM
 * Windows PowerShell 5.1 needs where it needs it), the whole set atomically, and nothing of the
 * user's replaced by surprise: a README.md in the output folder that the tool did not write is
 * kept, and the index goes next to it under another name.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GeneratedFile } from '../core/powershell/generatorTypes';
import { INDEX_FIRST_LINE } from '../core/powershell/outputIndex';
import { encodeUtf8, writeFilesAtomic } from './atomicFiles';

export const INDEX_ALTERNATIVE = 'README.onedrive-migration.md';

export interface WrittenGeneration {
  paths: string[];
  /** What the caller should tell the user (a file kept, a name changed). */
  notes: string[];
}

export async function writeGeneratedFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WrittenGeneration> {
  const notes: string[] = [];
  let index = 'README.md';
  const existing = await fs.readFile(path.join(outDir, 'README.md'), 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.replace(/^\uFEFF/, '').startsWith(INDEX_FIRST_LINE)) {
    index = INDEX_ALTERNATIVE;
    notes.push(
      `${path.join(outDir, 'README.md')} was not written by this tool and was kept; the index of the scripts is ${INDEX_ALTERNATIVE}.`,
    );
  }
  const paths = await writeFilesAtomic(
    outDir,
    files.map((f) => ({ path: f.kind === 'index' && f.path === 'README.md' ? index : f.path, content: encodeUtf8(f.content, f.bom) })),
  );
  return { paths, notes };
}
