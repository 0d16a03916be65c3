/**
 * Generated scripts open as read-only PowerShell documents for review (scheme
 * onedrive-migration-script:), with three actions: save into the workspace's scripts folder
 * (all files of that generation, atomically, CSV data included), copy, and run in the integrated
 * terminal (trusted workspaces only, after an explicit confirmation, and only once saved).
 * Neither generating nor saving follows a plan's path out of its folder that the user has not allowed.
 */
import { writeGeneratedFiles } from '../services/generatedFiles';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GeneratedFile, StepOutput } from '../core/powershell/generatorTypes';
import { psString } from '../core/powershell/quote';
import { Cancelled } from './commands/registerCommand';
import { log } from './log';
import { requireAllowedPaths } from './pathConsent';
import type { PlanSnapshot, PlanStore } from './planStore';

export const SCRIPT_SCHEME = 'onedrive-migration-script';

interface Generation {
  id: string;
  outDir: vscode.Uri;
  files: GeneratedFile[];
  /** The review's index: every file of the generation, by side, with what is not generated yet. */
  index: string;
  indexName: string;
}

/**
 * A generated file's name in the review: its side in front, because both sides have files of the
 * same name (`target · 03-verify-trust-EUR.ps1` and `source · 03-verify-trust-EUR.ps1` are two tabs).
 */
export function reviewName(file: GeneratedFile): string {
  const name = file.path.split('/').pop()!;
  return file.kind === 'index' ? name : `${file.side} · ${name}`;
}

/** The index of a generation, as Markdown: links (relative to the index) open each file in the review. */
function reviewIndex(title: string, output: StepOutput): string {
  const link = (f: GeneratedFile) => `[${reviewName(f)}](${encodeURIComponent(reviewName(f))})`;
  const lines = [
    `# ${title}: files for review`,
    '',
    vscode.l10n.t(
      'Nothing runs until the files are saved into the scripts folder and run. Save them all at once with *Save to Scripts Folder*.',
    ),
    '',
  ];
  for (const side of ['source', 'target'] as const) {
    const mine = output.files.filter((f) => f.side === side && f.kind !== 'index');
    if (!mine.length) continue;
    lines.push(`## ${side === 'source' ? vscode.l10n.t('Source admin') : vscode.l10n.t('Target admin')}`, '');
    for (const f of mine) lines.push(`- ${link(f)}: ${f.title}`);
    lines.push('');
  }
  if (output.blocked.length) {
    lines.push(`## ${vscode.l10n.t('Not generated yet')}`, '');
    for (const b of output.blocked) lines.push(`- ${b.side}, step ${b.step}${b.geography ? ` (${b.geography})` : ''}: ${b.message}`);
    lines.push('');
  }
  if (output.warnings.length) {
    lines.push(`## ${vscode.l10n.t('Warnings')}`, '');
    for (const w of output.warnings) lines.push(`- ${w.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

export class ScriptReview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly generations = new Map<string, Generation>();
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCRIPT_SCHEME, this);

  /** `store`: saving checks the plan's current paths (a scripts folder outside it must be allowed). */
  constructor(private readonly store?: PlanStore) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, id, name] = uri.path.split('/');
    const generation = this.generations.get(id ?? '');
    if (generation && name === generation.indexName) return generation.index;
    const { file } = this.locate(uri) ?? {};
    if (!file) return vscode.l10n.t('# This generated script is no longer available: generate it again.');
    return file.content;
  }

  private locate(uri: vscode.Uri): { generation: Generation; file: GeneratedFile } | undefined {
    const [, id, ...rest] = uri.path.split('/');
    const generation = this.generations.get(id ?? '');
    const name = rest.join('/');
    const file = generation?.files.find((f) => reviewName(f) === name);
    return generation && file ? { generation, file } : undefined;
  }

  private uriOf(generation: Generation, file: GeneratedFile): vscode.Uri {
    return vscode.Uri.from({ scheme: SCRIPT_SCHEME, path: `/${generation.id}/${reviewName(file)}` });
  }

  /** Saving from the review's index saves its whole generation (and answers with its first file). */
  private firstOfIndex(uri: vscode.Uri): { generation: Generation; file: GeneratedFile } | undefined {
    const [, id, name] = uri.path.split('/');
    const generation = this.generations.get(id ?? '');
    const file = generation?.files.find((f) => f.kind === 'script' || f.kind === 'runbook');
    return generation && file && name === generation.indexName ? { generation, file } : undefined;
  }

  /** The generated file behind a review URI (the tree of a generation, for tests and the index). */
  fileOf(uri: vscode.Uri): GeneratedFile | undefined {
    return this.locate(uri)?.file;
  }

  /** Opens the scripts of a generation for review and offers the actions. Returns the opened URIs. */
  async present(snapshot: PlanSnapshot, output: StepOutput, title: string): Promise<vscode.Uri[]> {
    for (const w of output.warnings) log.warn(w.message);
    for (const b of output.blocked)
      log.warn(`not generated: step ${b.step} ${b.side}${b.geography ? ` ${b.geography}` : ''}: ${b.message}`);
    if (output.blocked.length) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Some scripts could not be generated yet: {0}', output.blocked.map((b) => b.message).join(' ')),
      );
    }
    const scripts = output.files.filter((f) => f.kind === 'script' || f.kind === 'runbook');
    if (!scripts.length) {
      if (!output.blocked.length) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to generate for {0}.', title));
      return [];
    }
    const generation: Generation = {
      id: String(++this.counter),
      outDir: snapshot.scriptsUri,
      files: output.files,
      index: reviewIndex(title, output),
      indexName: `${title.replace(/[/\\]/g, '-')} · review.md`,
    };
    this.generations.set(generation.id, generation);
    const uris = scripts.map((f) => this.uriOf(generation, f));
    const open = vscode.workspace.getConfiguration('onedriveMigration', snapshot.uri).get<string>('openGeneratedScripts', 'review');
    // One review: the index of every file, and the first script beside it; `all` opens every script.
    if (open === 'review' && scripts.length > 1) {
      const index = await vscode.workspace.openTextDocument(
        vscode.Uri.from({ scheme: SCRIPT_SCHEME, path: `/${generation.id}/${generation.indexName}` }),
      );
      if (index.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(index, 'markdown');
      await vscode.window.showTextDocument(index, { preview: false });
    }
    if (open !== 'none') {
      for (const uri of open === 'all' ? uris : uris.slice(0, 1)) {
        const doc = await vscode.workspace.openTextDocument(uri);
        if (doc.languageId !== 'powershell') await vscode.languages.setTextDocumentLanguage(doc, 'powershell');
        await vscode.window.showTextDocument(doc, { preview: false });
      }
    }
    for (const w of output.warnings) void vscode.window.showWarningMessage(w.message);
    const save = vscode.l10n.t('Save to Scripts Folder');
    void vscode.window
      .showInformationMessage(
        scripts.length === 1
          ? vscode.l10n.t('{0}: 1 script generated for review. Save it into the scripts folder before running it.', title)
          : vscode.l10n.t(
              '{0}: {1} scripts generated for review. Save them into the scripts folder before running them.',
              title,
              scripts.length,
            ),
        save,
      )
      .then(async (choice) => {
        if (choice === save) await this.save(uris[0]!);
      })
      .then(undefined, (error: unknown) => {
        if (error instanceof Cancelled) return; // explained already
        log.error(error instanceof Error ? error : String(error));
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      });
    return uris;
  }

  /** Saves every file of the generation `uri` belongs to; returns the saved path of `uri`'s file. */
  async save(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const found = this.locate(uri) ?? this.firstOfIndex(uri);
    if (!found) return uri.scheme === 'file' ? uri : undefined;
    const { generation, file } = found;
    const current = this.store?.snapshot;
    if (current) requireAllowedPaths(current, ['scripts']);
    const written = await writeGeneratedFiles(generation.outDir.fsPath, generation.files);
    for (const note of written.notes) void vscode.window.showWarningMessage(note);
    log.info(`saved ${generation.files.length} generated files to ${generation.outDir.fsPath}`);
    const saved = vscode.Uri.joinPath(generation.outDir, ...file.path.split('/'));
    void vscode.window.showInformationMessage(
      generation.files.length === 1
        ? vscode.l10n.t('Saved 1 file to {0}.', vscode.workspace.asRelativePath(generation.outDir))
        : vscode.l10n.t('Saved {0} files to {1}.', generation.files.length, vscode.workspace.asRelativePath(generation.outDir)),
    );
    return saved;
  }

  async copy(uri: vscode.Uri): Promise<void> {
    const text = this.locate(uri)?.file.content ?? (await vscode.workspace.openTextDocument(uri)).getText();
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} to the clipboard.', path.basename(uri.path)));
  }

  /** Runs a saved script in a PowerShell terminal, after confirmation; never in an untrusted workspace. */
  async runInTerminal(uri: vscode.Uri): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Scripts never run in an untrusted workspace. Trust the workspace, or run the saved script yourself.'),
      );
      return false;
    }
    const found = this.locate(uri);
    const title = found?.file.title ?? path.basename(uri.fsPath);
    const run = vscode.l10n.t('Save and Run');
    const runSaved = vscode.l10n.t('Run');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Run {0} in a PowerShell terminal?', path.basename(uri.path)),
      {
        modal: true,
        detail: vscode.l10n.t('{0}\n\nIt signs in to the tenant and makes the changes it describes. Review it first.', title),
      },
      found ? run : runSaved,
    );
    if (!choice) return false;
    const file = found ? await this.save(uri) : uri;
    if (!file) return false;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    if (document?.isDirty) await document.save();
    const shellPath = vscode.workspace.getConfiguration('onedriveMigration').get<string>('powershellPath', 'pwsh');
    const terminal = vscode.window.createTerminal({
      name: `OneDrive Migration: ${path.basename(file.fsPath)}`,
      shellPath,
      cwd: path.dirname(file.fsPath),
    });
    terminal.show();
    terminal.sendText(`& ${psString(file.fsPath)}`);
    log.info(`running ${file.fsPath} in a terminal (${shellPath})`);
    return true;
  }

  dispose(): void {
    this.registration.dispose();
    this.generations.clear();
  }
}
