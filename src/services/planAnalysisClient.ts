/**
 * The extension host's side of plan analysis: requests go to a worker thread so that validating
 * and importing a 20,000-user plan never blocks the host. When no worker can run (the bundle is
 * missing, the runtime has no worker threads, or the worker died), the same analysis runs in-thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { PlanValidation } from '../core/plan/validatePlan';
import type { TrackingModel } from '../core/moves/trackingModel';
import * as path from 'node:path';
import type {
  PlanAnalysis,
  AnalysisRequest,
  AnalysisResponse,
  AnalysisValue,
  IngestReply,
  IngestRequest,
  ReportFiles,
  TrackingRequest,
} from './planAnalysis';

type AnalysisModule = typeof import('./planAnalysis');
let inThreadModule: AnalysisModule | undefined;

/**
 * The analysis code for the in-thread fallback, loaded only when it is needed: beside the extension
 * it is its own bundle (dist/planAnalysis.js), so the extension bundle does not carry it twice.
 */
function analysisModule(): AnalysisModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  inThreadModule ??= require(path.join(__dirname, 'planAnalysis')) as AnalysisModule;
  return inThreadModule;
}

type Pending = { request: AnalysisRequest; resolve: (value: AnalysisResponse) => void };

export interface PlanAnalysisClientOptions {
  /** The worker's script; without it (or when it does not exist) everything runs in-thread. */
  workerFile?: string;
  /** Told once when the worker cannot be used, with why. */
  onFallback?: (reason: string) => void;
}

export class PlanAnalysisClient {
  private worker: Worker | undefined;
  private broken: string | undefined;
  private inThread: PlanAnalysis | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: PlanAnalysisClientOptions) {
    if (!options.workerFile || !existsSync(options.workerFile))
      this.broken = `no worker script${options.workerFile ? ` at ${options.workerFile}` : ''}`;
  }

  /** Whether requests currently go to the worker thread. */
  get usesWorker(): boolean {
    return !this.broken;
  }

  async validate(text: string, now: Date): Promise<PlanValidation> {
    return (await this.send({ id: this.nextId++, method: 'validate', text, nowMs: now.getTime() })) as PlanValidation;
  }

  async ingest(request: IngestRequest): Promise<IngestReply> {
    return (await this.send({ id: this.nextId++, method: 'ingest', request })) as IngestReply;
  }

  /** The Moves view's model (undefined when the plan does not parse). */
  async tracking(request: TrackingRequest): Promise<TrackingModel | undefined> {
    return (await this.send({ id: this.nextId++, method: 'tracking', request })) as TrackingModel | undefined;
  }

  /** The report page and the CSV (undefined when the plan does not parse). */
  async report(request: TrackingRequest): Promise<ReportFiles | undefined> {
    return (await this.send({ id: this.nextId++, method: 'report', request })) as ReportFiles | undefined;
  }

  private async send(request: AnalysisRequest): Promise<AnalysisValue> {
    const response = await new Promise<AnalysisResponse>((resolve) => {
      const worker = this.ensureWorker();
      if (!worker) return resolve(this.runInThread(request));
      this.pending.set(request.id, { request, resolve });
      worker.ref(); // an answer is awaited
      worker.postMessage(request);
    });
    if (!response.ok) throw new Error(`Plan analysis failed: ${response.error}`);
    return response.value;
  }

  private runInThread(request: AnalysisRequest): AnalysisResponse {
    const module = analysisModule();
    this.inThread ??= new module.PlanAnalysis();
    return module.answer(this.inThread, request);
  }

  private ensureWorker(): Worker | undefined {
    if (this.broken) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.options.workerFile!);
      worker.on('message', (response: AnalysisResponse) => {
        const p = this.pending.get(response.id);
        this.pending.delete(response.id);
        if (!this.pending.size) worker.unref(); // idle: it never keeps a process alive on its own
        p?.resolve(response);
      });
      worker.on('error', (error) => this.fail(`the worker failed: ${error.message}`));
      worker.on('exit', (code) => this.fail(`the worker stopped (exit code ${code})`));
      this.worker = worker;
      return worker;
    } catch (error) {
      this.fail(`the worker could not start: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** From now on in-thread; what was waiting for the worker is answered here (its caches are gone: ingest asks for the files again). */
  private fail(reason: string): void {
    if (this.broken) return;
    this.broken = reason;
    this.worker = undefined;
    this.options.onFallback?.(reason);
    this.answerWaitingInThread();
  }

  dispose(): void {
    const worker = this.worker;
    this.broken ??= 'disposed';
    this.worker = undefined;
    this.answerWaitingInThread();
    void worker?.terminate();
  }

  private answerWaitingInThread(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.resolve(this.runInThread(p.request));
  }
}
