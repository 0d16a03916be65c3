/**
 * One way to register commands: every failure is logged and shown with a "Show Log" action, never
 * swallowed; a user who cancels (Escape in a quick pick) simply gets nothing.
 */
import * as vscode from 'vscode';
import { log } from '../log';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Throws Cancelled when the user dismissed a prompt. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

export function registerCommand(id: string, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      if (error instanceof Cancelled) return undefined;
      log.error(error instanceof Error ? error : String(error));
      const show = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), show).then((choice) => {
        if (choice === show) log.show();
      });
      return undefined;
    }
  });
}
