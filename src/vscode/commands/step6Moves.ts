/**
 * "6. Queue and Monitor Moves…": pick batches (size, pair and window shown, local time next to
 * UTC), optionally set their preferred window, then generate their queue scripts and the
 * move-state exports.
 */
import * as vscode from 'vscode';
import type { Batch, Plan } from '../../core/plan/planSchema';
import { batchProgress, describeBatchProgress } from '../../core/plan/batchProgress';
import { utcShort } from '../../core/text/utcShort';
import { describeDirection, pairStatus } from '../../core/trust/trustState';
import { parseUtcInput } from '../../core/text/utcInput';
import { SHOW_MOVES_COMMAND } from '../../core/views/stepCommands';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';
import { required } from './registerCommand';

/** "2026-12-05T22:00:00Z (Sat 5 Dec 23:00 local)" */
/** "5 Dec 22:00 UTC (your time: Sat 23:00)"; just UTC when this machine's clock is on UTC anyway. */
export function utcWithLocal(iso: string, now?: Date): string {
  const d = new Date(iso);
  const utc = `${utcShort(iso, now)} UTC`;
  if (Number.isNaN(d.getTime()) || d.getTimezoneOffset() === 0) return utc;
  const local = d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  return `${utc} (${vscode.l10n.t('your time: {0}', local)})`;
}

/** A batch's preferred window on one line. */
function windowText(batch: Batch, now: Date): string {
  if (!batch.preferredBeginUtc && !batch.preferredEndUtc) return vscode.l10n.t('No preferred window');
  const begin = batch.preferredBeginUtc ? utcWithLocal(batch.preferredBeginUtc, now) : vscode.l10n.t('now');
  const end = batch.preferredEndUtc ? utcWithLocal(batch.preferredEndUtc, now) : vscode.l10n.t('open end');
  return `${vscode.l10n.t('Window')}: ${begin} → ${end}`;
}

/** Why the queue script would refuse this batch now, when its trust is not usable on both sides. */
function trustWarning(plan: Plan, batch: Batch, now: Date): string | undefined {
  const trust = (plan.trusts ?? []).find((t) => t.sourceGeography === batch.sourceGeography && t.targetGeography === batch.targetGeography);
  const s = pairStatus(trust ?? { sourceGeography: batch.sourceGeography, targetGeography: batch.targetGeography }, now);
  if (s.usable) return undefined;
  const waiting = (['source', 'target'] as const).filter((side) => s[side].kind !== 'goodToProceed');
  const described = waiting.map((side) => describeDirection(s[side]));
  const sides =
    waiting.length === 2 && described[0] === described[1]
      ? vscode.l10n.t('both sides {0}', described[0]!)
      : waiting.map((side, i) => `${side} ${described[i]}`).join(', ');
  return vscode.l10n.t('Trust not usable yet: {0}. Queueing is refused until it is.', sides);
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
  const now = ctx.clock();
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
      batches.map((b) => {
        const warning = trustWarning(plan, b, now);
        return {
          label: `${warning || b.users.length > limit ? '$(warning) ' : ''}${b.name}`,
          description: `${b.sourceGeography} → ${b.targetGeography} · ${describeBatchProgress(batchProgress(plan, b))}${b.users.length > limit ? ` · ${vscode.l10n.t('over the {0} queue limit', limit)}` : ''}`,
          // The reason it would be refused, in the item itself (not only in a notification).
          detail: warning ? `${warning} ${windowText(b, now)}` : windowText(b, now),
          batch: b,
        };
      }),
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
  // With the Graph backend (beta), the batches are queued as migration tasks (each after its confirmation); their states are read through Graph too.
  if (ctx.live?.graphBackend()) {
    for (const b of picked) await ctx.live.queueBatchThroughGraph(b.name);
    return;
  }
  // The chosen batches' queue scripts, and the source side's state exports to follow them.
  const output = await generateForSnapshot(current, {
    steps: [6],
    side: 'source',
    actions: ['queueBatch', 'exportMoveStates'],
    batches: picked.map((b) => b.name),
  });
  await ctx.review.present(current, output, vscode.l10n.t('Step 6'));
  const show = vscode.l10n.t('Show Moves');
  void vscode.window
    .showInformationMessage(
      picked.length === 1
        ? vscode.l10n.t('Once batch "{0}" is queued, follow its moves in the Moves view.', picked[0]!.name)
        : vscode.l10n.t('Once the {0} batches are queued, follow their moves in the Moves view.', picked.length),
      show,
    )
    .then((a) => (a === show ? vscode.commands.executeCommand(SHOW_MOVES_COMMAND, { batches: picked.map((b) => b.name) }) : undefined));
}
