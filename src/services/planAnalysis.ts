/**
 * The heavy part of reading a plan: validating its text, reading its result files and folding
 * them in, and rewriting the plan's text when they change it. On a 20,000-user migration each of
 * these takes 50–150 ms, so the VS Code layer runs them in a worker thread (planAnalysisWorker.ts)
 * and keeps its own thread free; this class is what runs there (and in-thread as the fallback).
 * It keeps what it parsed, so an unchanged result file is not read twice.
 */
import { rewritePlanText } from '../core/plan/planText';
import { validatePlanText, type PlanValidation } from '../core/plan/validatePlan';
import {
  ingestResults,
  type FileProblem,
  type IngestChange,
  type RedirectInventory,
  type TargetOneDriveCheck,
} from '../core/results/ingestResults';
import { readResult, type LoadedResult } from '../core/results/readResult';
import { applicableResults } from '../core/results/ingestResults';
import type { MoveThresholds } from '../core/moves/moveFlags';
import { trackingModel, type TrackingModel } from '../core/moves/trackingModel';
import { migrationReportHtml, movesCsv } from '../core/report/migrationReport';

export interface ResultFileInput {
  file: string;
  /** Changes whenever the file does (modification time and size); with it the parsed file is reused. */
  stamp: string;
  /** The file's bytes; omitted when the analysis already has this stamp of it. */
  bytes?: Uint8Array;
}

export interface IngestRequest {
  planText: string;
  nowMs: number;
  /** Every result file of the results folder, in the order they are to be read. */
  files: ResultFileInput[];
}

export interface IngestReply {
  changes: IngestChange[];
  problems: FileProblem[];
  /** The text of each file that has problems (to locate them in its editor). */
  problemTexts: Record<string, string>;
  redirectInventories: RedirectInventory[];
  targetOneDriveChecks: TargetOneDriveCheck[];
  /** The plan's new text when the results change it (only its changed top-level properties are rewritten). */
  updatedText?: string;
  /** Files sent without bytes that the analysis does not have (it was restarted): send them again. */
  missing?: string[];
}

export interface TrackingRequest {
  planText: string;
  nowMs: number;
  thresholds: MoveThresholds;
  /** Whether the result files the last ingest read count (not when the results folder is blocked). */
  withResults: boolean;
}

/** The report for management, built where the model is (the report for 20,000 users never crosses to the host as a model). */
export interface ReportFiles {
  html: string;
  csv: string;
}

export class PlanAnalysis {
  private lastValidation: { text: string; validation: PlanValidation } | undefined;
  private readonly results = new Map<string, { stamp: string; loaded: LoadedResult }>();

  validate(text: string, nowMs: number): PlanValidation {
    const validation = validatePlanText(text, { now: new Date(nowMs) });
    this.lastValidation = { text, validation };
    return validation;
  }

  ingest(request: IngestRequest): IngestReply {
    const missing = request.files.filter((f) => !f.bytes && this.results.get(f.file)?.stamp !== f.stamp).map((f) => f.file);
    const empty: IngestReply = { changes: [], problems: [], problemTexts: {}, redirectInventories: [], targetOneDriveChecks: [] };
    if (missing.length) return { ...empty, missing };
    const plan = (
      this.lastValidation?.text === request.planText ? this.lastValidation.validation : this.validate(request.planText, request.nowMs)
    ).plan;
    if (!plan) return empty;
    const decoder = new TextDecoder();
    const loaded = request.files.map((f) => {
      if (!f.bytes) return this.results.get(f.file)!.loaded;
      const result = readResult(f.file, decoder.decode(f.bytes));
      this.results.set(f.file, { stamp: f.stamp, loaded: result });
      return result;
    });
    // Files that left the folder are forgotten.
    const present = new Set(request.files.map((f) => f.file));
    for (const file of this.results.keys()) if (!present.has(file)) this.results.delete(file);

    const outcome = ingestResults(plan, loaded, { now: new Date(request.nowMs) });
    const texts = new Map(loaded.map((l) => [l.file, l.text]));
    const problemTexts: Record<string, string> = {};
    for (const p of outcome.problems) problemTexts[p.file] ??= texts.get(p.file) ?? '';
    const reply: IngestReply = {
      changes: outcome.changes,
      problems: outcome.problems,
      problemTexts,
      redirectInventories: outcome.redirectInventories,
      targetOneDriveChecks: outcome.targetOneDriveChecks,
    };
    if (JSON.stringify(outcome.plan) !== JSON.stringify(plan)) reply.updatedText = rewritePlanText(request.planText, plan, outcome.plan);
    return reply;
  }

  /** The Moves view's model, from the plan and the result files the last ingest read (no file is read again). */
  tracking(request: TrackingRequest): TrackingModel | undefined {
    const validation =
      this.lastValidation?.text === request.planText ? this.lastValidation.validation : this.validate(request.planText, request.nowMs);
    if (!validation.plan) return undefined;
    const now = new Date(request.nowMs);
    const loaded = request.withResults ? [...this.results.values()].map((r) => r.loaded) : [];
    return trackingModel(validation.plan, applicableResults(loaded, now), now, request.thresholds);
  }

  report(request: TrackingRequest): ReportFiles | undefined {
    const model = this.tracking(request);
    const plan = this.lastValidation?.validation.plan;
    if (!model || !plan) return undefined;
    return { html: migrationReportHtml(plan, model), csv: movesCsv(model) };
  }
}

/** What crosses between the extension host and the worker. */
export type AnalysisRequest =
  | { id: number; method: 'validate'; text: string; nowMs: number }
  | { id: number; method: 'ingest'; request: IngestRequest }
  | { id: number; method: 'tracking'; request: TrackingRequest }
  | { id: number; method: 'report'; request: TrackingRequest };

export type AnalysisValue = PlanValidation | IngestReply | TrackingModel | ReportFiles | undefined;

export type AnalysisResponse = { id: number; ok: true; value: AnalysisValue } | { id: number; ok: false; error: string };

/** Runs one request (in the worker, or in-thread when no worker can start). */
export function answer(analysis: PlanAnalysis, request: AnalysisRequest): AnalysisResponse {
  try {
    const value =
      request.method === 'validate'
        ? analysis.validate(request.text, request.nowMs)
        : request.method === 'ingest'
          ? analysis.ingest(request.request)
          : request.method === 'tracking'
            ? analysis.tracking(request.request)
            : analysis.report(request.request);
    return { id: request.id, ok: true, value };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
