/** The worker thread that analyses plans for the extension host (see planAnalysis.ts). */
import { parentPort } from 'node:worker_threads';
import { answer, PlanAnalysis, type AnalysisRequest } from './planAnalysis';

const analysis = new PlanAnalysis();
parentPort?.on('message', (request: AnalysisRequest) => parentPort!.postMessage(answer(analysis, request)));
