/**
 * The English l10n bundle (l10n/bundle.l10n.json): every message passed to vscode.l10n.t in
 * src/, so translators get the complete list (bundle.l10n.<language>.json beside it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The string literal arguments of vscode.l10n.t(…), single- or double-quoted. */
export function l10nMessages(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
    const raw = m[1] ?? m[2] ?? '';
    out.push(JSON.parse(`"${raw.replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string);
  }
  return out;
}

export function l10nBundleText(srcDir: string): string {
  const messages = [...new Set(sources(srcDir).flatMap((f) => l10nMessages(readFileSync(f, 'utf8'))))].sort();
  return JSON.stringify(Object.fromEntries(messages.map((m) => [m, m])), null, 2) + '\n';
}
