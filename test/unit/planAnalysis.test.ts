import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, it } from 'node:test';
import { PlanAnalysis, type IngestRequest } from '../../src/services/planAnalysis';
import { PlanAnalysisClient } from '../../src/services/planAnalysisClient';
import { FIXED_NOW } from '../support/fixedClock.mjs';
import { ROOT, examplePlanText } from '../support/fixtures';
import { moveStateEntry, resultFileText } from '../support/resultFiles';

const NOW_MS = new Date(FIXED_NOW).getTime();

function moveStateFile(state: string): Uint8Array {
  const entry = moveStateEntry('alex.wilber@contoso.com', state, { partnerHostUrl: 'https://contoso-my.sharepoint.com' });
  return new TextEncoder().encode(resultFileText('moveState', { entries: [entry] }, { side: 'target' }));
}

function request(files: IngestRequest['files'], planText = examplePlanText()): IngestRequest {
  return { planText, nowMs: NOW_MS, files };
}

describe('plan analysis (what the worker thread runs)', () => {
  it('folds a result in and returns the plan rewritten, or nothing when the plan already says it', () => {
    const analysis = new PlanAnalysis();
    const text = examplePlanText();
    assert.ok(analysis.validate(text, NOW_MS).plan);
    const reply = analysis.ingest(request([{ file: 'r.json', stamp: '1:10', bytes: moveStateFile('Success') }], text));
    assert.deepEqual(reply.problems, []);
    assert.match(reply.updatedText ?? '', /"alex\.wilber@contoso\.com": \{[^}]*"state": "Success"/);
    const again = analysis.ingest(request([{ file: 'r.json', stamp: '1:10' }], reply.updatedText!));
    assert.equal(again.updatedText, undefined, 'the rewritten plan already holds the state');
    assert.equal(again.missing, undefined);
  });

  it('reuses a file it has (same stamp, no bytes) and asks for one it does not have', () => {
    const analysis = new PlanAnalysis();
    analysis.ingest(request([{ file: 'a.json', stamp: '1:10', bytes: moveStateFile('InProgress') }]));
    const reused = analysis.ingest(request([{ file: 'a.json', stamp: '1:10' }]));
    assert.match(reused.updatedText ?? '', /"state": "InProgress"/);
    assert.deepEqual(
      analysis.ingest(
        request([
          { file: 'a.json', stamp: '2:10' },
          { file: 'b.json', stamp: '1:1' },
        ]),
      ).missing,
      ['a.json', 'b.json'],
    );
  });

  it('forgets files that left the folder', () => {
    const analysis = new PlanAnalysis();
    analysis.ingest(request([{ file: 'a.json', stamp: '1:10', bytes: moveStateFile('InProgress') }]));
    analysis.ingest(request([]));
    assert.deepEqual(analysis.ingest(request([{ file: 'a.json', stamp: '1:10' }])).missing, ['a.json']);
  });

  it('returns the text of files with problems, so the editor can locate them', () => {
    const analysis = new PlanAnalysis();
    const reply = analysis.ingest(request([{ file: 'bad.json', stamp: '1:1', bytes: new TextEncoder().encode('{ "schema": ') }]));
    assert.equal(reply.problems[0]?.file, 'bad.json');
    assert.equal(reply.problemTexts['bad.json'], '{ "schema": ');
    assert.equal(reply.updatedText, undefined);
  });

  it('an invalid plan is not folded into', () => {
    const reply = new PlanAnalysis().ingest(request([{ file: 'r.json', stamp: '1', bytes: moveStateFile('Success') }], '{ "version": 1'));
    assert.deepEqual([reply.updatedText, reply.changes.length], [undefined, 0]);
  });
});

describe('plan analysis client', () => {
  it('runs the analysis in a worker thread, with the same answers as in-thread', async () => {
    // Bundled as scripts/build.mjs bundles it (a worker cannot load TypeScript here).
    const workerFile = path.join(mkdtempSync(path.join(tmpdir(), 'odm-worker-')), 'planAnalysisWorker.js');
    buildSync({
      entryPoints: [path.join(ROOT, 'src', 'services', 'planAnalysisWorker.ts')],
      outfile: workerFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
    const reasons: string[] = [];
    const client = new PlanAnalysisClient({ workerFile, onFallback: (r) => reasons.push(r) });
    try {
      assert.equal(client.usesWorker, true);
      const text = examplePlanText();
      const validation = await client.validate(text, new Date(NOW_MS));
      assert.deepEqual(validation, new PlanAnalysis().validate(text, NOW_MS));
      const reply = await client.ingest(request([{ file: 'r.json', stamp: '1', bytes: moveStateFile('Failed') }], text));
      assert.match(reply.updatedText ?? '', /"state": "Failed"/);
      assert.deepEqual(
        (await client.ingest(request([{ file: 'r.json', stamp: '1' }], text))).missing,
        undefined,
        'the worker keeps what it read',
      );
      assert.deepEqual([client.usesWorker, reasons], [true, []]);
    } finally {
      client.dispose();
    }
  });

  it('falls back to its own thread, once and saying why, when the worker cannot run', async () => {
    const reasons: string[] = [];
    const missing = new PlanAnalysisClient({ workerFile: path.join(ROOT, 'no-such-worker.js'), onFallback: (r) => reasons.push(r) });
    assert.equal(missing.usesWorker, false);
    assert.ok((await missing.validate(examplePlanText(), new Date(NOW_MS))).plan);

    // A worker that dies on its first message: the waiting request is answered in-thread.
    const dying = new PlanAnalysisClient({
      workerFile: path.join(ROOT, 'test', 'fixtures', 'workers', 'exitsOnMessage.mjs'),
      onFallback: (r) => reasons.push(r),
    });
    const validation = await dying.validate(examplePlanText(), new Date(NOW_MS));
    assert.ok(validation.plan);
    assert.equal(dying.usesWorker, false);
    assert.deepEqual(reasons, ['the worker stopped (exit code 3)']);
    // Its caches went with it: an ingest that relies on them is asked to resend.
    assert.deepEqual((await dying.ingest(request([{ file: 'r.json', stamp: '1' }]))).missing, ['r.json']);
  });
});
