/**
 * Keeps the tracking model (where every move stands, src/core/moves/trackingModel.ts) up to date
 * for whoever is watching (the Moves view): recomputed in the plan analysis when the plan or its
 * results change, or the thresholds (settings) do. Nobody watching: nothing is computed.
 */
import * as vscode from 'vscode';
import { DEFAULT_THRESHOLDS, type MoveThresholds } from '../core/moves/moveFlags';
import type { TrackingModel } from '../core/moves/trackingModel';
import { log } from './log';
import type { PlanStore } from './planStore';

export function movesThresholds(scope?: vscode.Uri): MoveThresholds {
  const config = vscode.workspace.getConfiguration('onedriveMigration.moves', scope);
  const hours = (key: string, fallback: number) => {
    const v = config.get<number>(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    inProgressHours: hours('stuckAfterHours', DEFAULT_THRESHOLDS.inProgressHours),
    staleHours: hours('staleAfterHours', DEFAULT_THRESHOLDS.staleHours),
  };
}

export class MovesTracking implements vscode.Disposable {
  private current: TrackingModel | undefined;
  /** The plan snapshot the model was computed from (the store makes a new one on every change). */
  private computedFrom: unknown;
  private watchers = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private computing: Promise<TrackingModel | undefined> | undefined;
  private again: Promise<TrackingModel | undefined> | undefined;
  private readonly emitter = new vscode.EventEmitter<TrackingModel | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly store: PlanStore) {
    this.disposables.push(
      store.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('onedriveMigration.moves')) this.schedule(0);
      }),
    );
  }

  get model(): TrackingModel | undefined {
    return this.current;
  }

  /** The model when nothing changed since it was computed (no reload of the plan or its results). */
  get freshModel(): TrackingModel | undefined {
    return this.computedFrom === this.store.snapshot ? this.current : undefined;
  }

  /** While the returned disposable lives, the model follows every change. */
  watch(): vscode.Disposable {
    this.watchers++;
    return { dispose: () => void this.watchers-- };
  }

  /** Computes the model now (a command, the view opening). While one runs, the next waits for it and then runs once for all callers. */
  refresh(): Promise<TrackingModel | undefined> {
    if (this.computing) {
      this.again ??= this.computing.then(() => {
        this.again = undefined;
        return this.refresh();
      });
      return this.again;
    }
    this.computing = (async () => {
      try {
        await this.store.initialize();
        const from = this.store.snapshot;
        const model = await this.store.tracking(movesThresholds(this.store.snapshot?.uri));
        this.current = model;
        this.computedFrom = from;
        this.emitter.fire(model);
        return model;
      } finally {
        this.computing = undefined;
      }
    })();
    return this.computing;
  }

  private schedule(delay = 100): void {
    if (!this.watchers) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch((e: unknown) => log.error(e instanceof Error ? e : String(e))), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
