/** What command handlers need: the plan store, the script review and the clock. */
import * as vscode from 'vscode';
import type { Side } from '../../core/plan/planSchema';
import type { Clock } from '../../services/clock';
import type { IdentityMapEditorProvider } from '../identityMapEditor';
import type { LiveMode } from '../liveMode';
import type { PlanStore, ValidPlanSnapshot } from '../planStore';
import type { ScriptReview } from '../scriptReview';
import { required } from './registerCommand';

export interface CommandContext {
  store: PlanStore;
  review: ScriptReview;
  extensionUri: vscode.Uri;
  mapEditor: IdentityMapEditorProvider;
  clock: Clock;
  /** Live mode, once the composition root has made it (the Graph backend of steps 5 and 6). */
  live?: LiveMode;
}

/** The current plan, valid; otherwise explains what to do and stops the command. */
export async function validSnapshot(ctx: CommandContext): Promise<ValidPlanSnapshot> {
  await ctx.store.initialize();
  const snapshot = ctx.store.snapshot;
  if (!snapshot) {
    const create = vscode.l10n.t('Create a Plan');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('There is no migration plan in this workspace yet.'), create)) === create) {
      await vscode.commands.executeCommand('onedriveMigration.step1Connect');
    }
    return required<never>(undefined);
  }
  if (snapshot.state !== 'valid') {
    const open = vscode.l10n.t('Open the Plan');
    if (
      (await vscode.window.showErrorMessage(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'), open)) === open
    ) {
      await vscode.window.showTextDocument(snapshot.uri);
    }
    return required<never>(undefined);
  }
  return snapshot;
}

export type SideChoice = Side | 'both';

export async function pickSide(
  snapshot: ValidPlanSnapshot,
  title: string,
  allowed: readonly Side[] = ['source', 'target'],
): Promise<SideChoice> {
  const plan = snapshot.plan;
  const items: Array<vscode.QuickPickItem & { side: SideChoice }> = [
    ...(allowed.length === 2
      ? [
          {
            label: `$(arrow-both) ${vscode.l10n.t('Both sides')}`,
            description: `${plan.source.name} + ${plan.target.name}`,
            side: 'both' as const,
          },
        ]
      : []),
    ...allowed.map((side) => ({
      label: side === 'source' ? `$(cloud-upload) ${vscode.l10n.t('Source admin')}` : `$(cloud-download) ${vscode.l10n.t('Target admin')}`,
      description: plan[side].displayName ?? plan[side].name,
      side,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Whose scripts?') });
  return required(picked).side;
}

export function sideOption(choice: SideChoice): { side?: Side } {
  return choice === 'both' ? {} : { side: choice };
}
