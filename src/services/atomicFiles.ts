/**
 * Writes that never leave a half-written file: temp file in the same folder, fsync, rename.
 * A set of files is staged in a temporary folder first and moved into place only when every
 * file was written, so a failed run leaves the previous output as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const prefix = `.${path.basename(file)}.`;
  await removeLeftovers(path.dirname(file), (name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export interface OutputFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string | Uint8Array;
}

/**
 * Writes every file under `outDir`, all or nothing: everything is written into a staging folder
 * first; then each file replaces its target, the previous version moved aside; if any step fails,
 * the replaced files are put back. Returns the absolute paths written.
 */
export async function writeFilesAtomic(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  await removeLeftovers(outDir, (name) => name.startsWith('.staging-'));
  const staging = await fs.mkdtemp(path.join(outDir, '.staging-'));
  const backups = path.join(staging, '.previous');
  const done: Array<{ final: string; backup?: string }> = [];
  try {
    for (const f of files) {
      const target = path.join(staging, ...f.path.split('/'));
      if (!target.startsWith(staging + path.sep) || f.path.startsWith('.previous/'))
        throw new Error(`Refusing to write outside the output folder: ${f.path}`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, f.content);
    }
    for (const f of files) {
      const final = path.join(outDir, ...f.path.split('/'));
      if ((await fs.lstat(final).catch(() => undefined))?.isDirectory()) {
        throw new Error(`${final} is a folder, where a generated file must go: move it away and run again.`);
      }
    }
    const realOut = await fs.realpath(outDir);
    for (const f of files) {
      const final = path.join(outDir, ...f.path.split('/'));
      await fs.mkdir(path.dirname(final), { recursive: true });
      // A sub-folder that is a link to somewhere else is not written through.
      const realDir = await fs.realpath(path.dirname(final));
      if (realDir !== realOut && !realDir.startsWith(realOut + path.sep))
        throw new Error(`${path.dirname(final)} is a link that leads outside ${outDir}: remove the link and run again.`);
      const step: { final: string; backup?: string } = { final };
      if (await exists(final)) {
        step.backup = path.join(backups, ...f.path.split('/'));
        await fs.mkdir(path.dirname(step.backup), { recursive: true });
        await fs.rename(final, step.backup);
      }
      done.push(step);
      await fs.rename(path.join(staging, ...f.path.split('/')), final);
    }
    return done.map((d) => d.final);
  } catch (error) {
    for (const step of done.reverse()) {
      await fs.rm(step.final, { force: true });
      if (step.backup) await fs.rename(step.backup, step.final);
    }
    throw error;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** What an earlier write that was killed left behind (temp files, staging folders) is removed before the next one. */
async function removeLeftovers(dir: string, match: (name: string) => boolean): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter(match)) await fs.rm(path.join(dir, name), { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** UTF-8, with a byte-order mark when asked (Windows PowerShell 5.1 needs it for non-ASCII scripts). */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([BOM, body]) : body;
}
