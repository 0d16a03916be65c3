/**
 * The walkthrough ticks a step when the plan says it is done (the checklist's verdict for that
 * step), not when its command ran: a context key per step, `onedriveMigration.done.step1` … `step7`,
 * which the walkthrough's completionEvents (`onContext:`) watch.
 */
import * as vscode from 'vscode';
import { buildChecklist } from '../core/checklist/checklist';
import type { Clock } from '../services/clock';
import type { PlanStore } from './planStore';

export const WALKTHROUGH_STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7'] as const;

export function doneContextKey(step: (typeof WALKTHROUGH_STEPS)[number]): string {
  return `onedriveMigration.done.${step}`;
}

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** The last value set per key (tests read it; VS Code has no API to read a context key back). */
  readonly done = new Map<string, boolean>();

  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {
    this.subscription = store.onDidChange(() => this.update());
  }

  private update(): void {
    const snapshot = this.store.valid;
    const items = snapshot
      ? buildChecklist({ plan: snapshot.plan, targetOneDriveChecks: snapshot.targetOneDriveChecks, now: this.clock() })
      : [];
    for (const step of WALKTHROUGH_STEPS) {
      const done = items.find((i) => i.id === step)?.status === 'done';
      const key = doneContextKey(step);
      if (this.done.get(key) === done) continue;
      this.done.set(key, done);
      void vscode.commands.executeCommand('setContext', key, done);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
