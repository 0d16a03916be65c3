/**
 * "6. Queue and Monitor Moves…": pick batches (size, pair and window shown, local time next to
 * UTC), optionally set their preferred window, then generate their queue scripts and the
 * move-state exports.
 */
import * as vscode from 'vscode';
import type { Batch } from '../../core/plan/planSchema';
import { parseUtcInput } from '../../core/text/utcInput';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';
import { required } from './registerCommand';

/** "2026-12-05T22:00:00Z (Sat 5 Dec 23:00 local)" */
export function utcWithLocal(iso: string): string {
  const local = new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return `${iso} (${local} ${vscode.l10n.t('local')})`;
}

function askUtc(title: string, prompt: string, value: string, notBefore?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    value,
    placeHolder: '2026-12-05T22:00Z',
    ignoreFocusOut: true,
    validateInput: (input) => {
      const iso = parseUtcInput(input);
      if (!iso) return vscode.l10n.t('Enter a UTC time such as 2026-12-05T22:00Z.');
      if (notBefore && Date.parse(iso) <= Date.parse(notBefore))
        return vscode.l10n.t('The end must come after the begin ({0}).', notBefore);
      return { message: `= ${utcWithLocal(iso)}`, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
}

export async function step6Moves(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const plan = snapshot.plan;
  const limit =
    plan.limits?.maxQueuedPerSourceGeography ??
    vscode.workspace.getConfiguration('onedriveMigration', snapshot.uri).get<number>('batchLimit', 4000);
  const batches = plan.batches ?? [];
  if (!batches.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The plan has no batches yet: add them to "batches" in {0}.', vscode.workspace.asRelativePath(snapshot.uri)),
    );
    return;
  }
  const picked = required(
    await vscode.window.showQuickPick(
      batches.map((b) => ({
        label: b.name,
        description: `${b.sourceGeography} → ${b.targetGeography} · ${b.users.length} ${vscode.l10n.t('users')}${b.users.length > limit ? ` $(warning) ${vscode.l10n.t('over the {0} queue limit', limit)}` : ''}`,
        detail:
          b.preferredBeginUtc || b.preferredEndUtc
            ? `${vscode.l10n.t('Window')}: ${b.preferredBeginUtc ? utcWithLocal(b.preferredBeginUtc) : '…'} → ${b.preferredEndUtc ? utcWithLocal(b.preferredEndUtc) : '…'}`
            : vscode.l10n.t('No preferred window'),
        batch: b,
      })),
      {
        title: vscode.l10n.t('6. Queue and Monitor Moves'),
        canPickMany: true,
        placeHolder: vscode.l10n.t('Batches to queue (each script fills only the free queue slots)'),
      },
    ),
  ).map((i) => i.batch);
  if (!picked.length) return;

  const windowChoice = required(
    await vscode.window.showQuickPick(
      [
        { id: 'keep', label: vscode.l10n.t('Keep the windows of the plan') },
        {
          id: 'set',
          label: vscode.l10n.t('Set a preferred window (UTC)…'),
          detail: vscode.l10n.t('Best effort: the service tries to start and finish the moves in it.'),
        },
        { id: 'clear', label: vscode.l10n.t('No preferred window') },
      ],
      {
        title:
          picked.length === 1
            ? vscode.l10n.t('Preferred window for {0}', picked[0]!.name)
            : vscode.l10n.t('Preferred window for {0} batches', picked.length),
      },
    ),
  ).id;
  let current = snapshot;
  if (windowChoice !== 'keep') {
    let window: Pick<Batch, 'preferredBeginUtc' | 'preferredEndUtc'> = {};
    if (windowChoice === 'set') {
      const begin = parseUtcInput(
        required(
          await askUtc(
            vscode.l10n.t('Preferred begin (UTC)'),
            vscode.l10n.t('The moves will likely begin at this time.'),
            picked[0]!.preferredBeginUtc ?? '',
          ),
        ),
      )!;
      const end = parseUtcInput(
        required(
          await askUtc(
            vscode.l10n.t('Preferred end (UTC)'),
            vscode.l10n.t('The moves will likely be completed by this time, best effort.'),
            picked[0]!.preferredEndUtc ?? '',
            begin,
          ),
        ),
      )!;
      window = { preferredBeginUtc: begin, preferredEndUtc: end };
    }
    const names = new Set(picked.map((b) => b.name));
    const updated = await ctx.store.update(`preferred window of ${[...names].join(', ')}`, (latest) => ({
      ...latest,
      batches: (latest.batches ?? []).map((b) => {
        if (!names.has(b.name)) return b;
        const { preferredBeginUtc: _b, preferredEndUtc: _e, ...rest } = b;
        return { ...rest, ...window };
      }),
    }));
    if (updated.state !== 'valid') return validSnapshot(ctx).then(() => undefined); // explains the errors
    current = updated;
  }
  // The chosen batches' queue scripts, and the source side's state exports to follow them.
  const output = await generateForSnapshot(current, {
    steps: [6],
    side: 'source',
    actions: ['queueBatch', 'exportMoveStates'],
    batches: picked.map((b) => b.name),
  });
  await ctx.review.present(current, output, vscode.l10n.t('Step 6'));
}
