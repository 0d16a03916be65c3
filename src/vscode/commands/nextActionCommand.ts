/**
 * "Do the Next Action" (also the status bar's click): the most urgent thing the plan needs, done the
 * narrow way. When it names scripts (one pair's trust, one batch's queue script) exactly those are
 * generated for review; otherwise its step's command runs.
 */
import * as vscode from 'vscode';
import { nextAction } from '../../core/views/nextAction';
import { SHOW_MOVES_COMMAND, STEP_COMMANDS } from '../../core/views/stepCommands';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';

export const NEXT_ACTION_COMMAND = 'onedriveMigration.doNextAction';

export async function doNextAction(ctx: CommandContext): Promise<vscode.Uri[]> {
  const snapshot = await validSnapshot(ctx);
  const next = nextAction(snapshot.plan, ctx.clock());
  if (next.showMoves) {
    await vscode.commands.executeCommand(SHOW_MOVES_COMMAND, next.showMoves);
    return [];
  }
  if (!next.selection) {
    await vscode.commands.executeCommand(STEP_COMMANDS[next.step - 1]!);
    return [];
  }
  return ctx.review.present(snapshot, await generateForSnapshot(snapshot, next.selection), next.text);
}
