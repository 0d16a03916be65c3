import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MOVE_STATES } from '../../src/core/plan/planSchema';
import { moveCategory, MOVE_CATEGORIES } from '../../src/core/moves/moveCategory';
import { moveHistory, type ResultOnFile } from '../../src/core/moves/moveHistory';
import { DEFAULT_THRESHOLDS, moveFlags } from '../../src/core/moves/moveFlags';
import { trackingModel } from '../../src/core/moves/trackingModel';
import { filterMoves } from '../../src/core/moves/moveFilter';
import { activityLog } from '../../src/core/moves/activityLog';
import { migrationReportHtml, movesCsv } from '../../src/core/report/migrationReport';
import { chartSeries } from '../../src/core/report/historyChart';
import { readResult } from '../../src/core/results/readResult';
import type { Plan } from '../../src/core/plan/planSchema';
import { examplePlan } from '../support/fixtures';
import { moveStateEntry, resultFileText } from '../support/resultFiles';

const NOW = new Date('2026-11-23T12:00:00Z');

function result(file: string, kind: string, data: unknown, createdAt: string, side: 'source' | 'target' = 'source'): ResultOnFile {
  const loaded = readResult(file, resultFileText(kind, data, { createdAt, side }));
  assert.deepEqual(loaded.problems, [], `${file} is a valid result`);
  return { file, result: loaded.result! };
}

/** Wave 1 of the example (4 NAM users): queued on the 16th, then two exports. */
function wave1Results(): ResultOnFile[] {
  const users = ['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'diego.siciliani@contoso.com', 'isaiah.langer@contoso.com'];
  return [
    // Out of order on purpose: the history sorts by the time the results were written.
    result(
      'source-NAM-moveState-2.json',
      'moveState',
      {
        entries: [
          moveStateEntry(users[0]!, 'Success'),
          moveStateEntry(users[1]!, 'InProgress'),
          moveStateEntry(users[2]!, 'Failed', { error: 'MnAOdbUsersAreNotLicensed: Neither source UPN …' }),
          // Named only by its OneDrive's URL (some module versions).
          moveStateEntry(null, 'Scheduled', { sourceSiteUrl: 'https://contoso-my.sharepoint.com/personal/isaiah_langer_contoso_com' }),
        ],
      },
      '2026-11-18T07:40:00.000Z',
    ),
    result(
      'source-NAM-queuedMoves.json',
      'queuedMoves',
      {
        batch: 'Wave 1 - NAM pilot',
        partnerGeography: 'NAM',
        partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
        validationOnly: false,
        entries: users.map((u) => ({
          source: u,
          target: u.replace('contoso', 'fabrikam'),
          status: 'queued',
          at: '2026-11-16T21:00:00.000Z',
        })),
      },
      '2026-11-16T21:05:00.000Z',
    ),
    result(
      'source-NAM-moveState-1.json',
      'moveState',
      { entries: users.map((u, i) => moveStateEntry(u, i < 2 ? 'InProgress' : 'Scheduled')) },
      '2026-11-17T07:00:00.000Z',
    ),
  ];
}

describe('move categories', () => {
  it('every state the cmdlets report falls into one category; names no source lists are shown as unknown', () => {
    for (const state of [...MOVE_STATES, 'QueueFailed']) assert.ok(MOVE_CATEGORIES.includes(moveCategory(state)), state);
    assert.equal(moveCategory(undefined), 'notQueued');
    assert.equal(moveCategory('QueueFailed'), 'refused');
    assert.equal(moveCategory('NotSupported'), 'failed');
    assert.equal(moveCategory('Queued'), 'scheduled');
    assert.equal(moveCategory('Completed'), 'success');
    assert.equal(moveCategory('Sideways'), 'unknown');
  });
});

describe('move history', () => {
  it('is one point per move result, in time order, with the counts per batch after each', () => {
    const plan = examplePlan();
    const h = moveHistory(plan, wave1Results());
    assert.deepEqual(
      h.points.map((p) => p.file),
      ['source-NAM-queuedMoves.json', 'source-NAM-moveState-1.json', 'source-NAM-moveState-2.json'],
    );
    const wave1 = h.points.map((p) => p.counts['Wave 1 - NAM pilot']!);
    assert.deepEqual(
      wave1.map((c) => [c.scheduled, c.inProgress, c.success, c.failed, c.notQueued]),
      [
        [4, 0, 0, 0, 0],
        [2, 2, 0, 0, 0],
        [1, 1, 1, 1, 0],
      ],
    );
    assert.equal(h.points[2]!.counts['Wave 2 - EUR']!.notQueued, 4, 'other batches: never queued');
    // Since when: the first result that reported the current state.
    assert.deepEqual(h.since.get('alex.wilber@contoso.com'), { state: 'InProgress', at: '2026-11-17T07:00:00.000Z' });
    assert.deepEqual(h.since.get('isaiah.langer@contoso.com'), { state: 'Scheduled', at: '2026-11-17T07:00:00.000Z' });
    assert.deepEqual(h.since.get('adele.vance@contoso.com'), { state: 'Success', at: '2026-11-18T07:40:00.000Z' });
  });

  it('a refused re-queue after a success does not undo the success (the same rule as the import)', () => {
    const plan = examplePlan();
    const again = result(
      'source-NAM-queuedMoves-again.json',
      'queuedMoves',
      {
        batch: 'Wave 1 - NAM pilot',
        partnerGeography: 'NAM',
        partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
        validationOnly: false,
        entries: [
          {
            source: 'adele.vance@contoso.com',
            target: 'adele.vance@fabrikam.com',
            status: 'failed',
            at: '2026-11-19T00:00:00.000Z',
            error: 'already moved',
          },
        ],
      },
      '2026-11-19T00:00:00.000Z',
    );
    const h = moveHistory(plan, [...wave1Results(), again]);
    assert.equal(h.points.length, 4);
    assert.equal(h.points[3]!.counts['Wave 1 - NAM pilot']!.success, 1);
    assert.equal(h.since.get('adele.vance@contoso.com')!.state, 'Success');
  });

  it('ignores results about other things', () => {
    const host = result('source-NAM-hostUrl.json', 'hostUrl', { hostUrl: 'https://contoso-my.sharepoint.com' }, '2026-11-10T00:00:00.000Z');
    assert.equal(moveHistory(examplePlan(), [host]).points.length, 0);
  });
});

describe('stuck, late and stale moves', () => {
  const t = DEFAULT_THRESHOLDS;
  it('flags a move in progress past the threshold, waiting past its window, or without a fresh state', () => {
    assert.deepEqual(moveFlags({ category: 'inProgress', since: '2026-11-22T11:00:00Z', updatedAt: '2026-11-23T11:00:00Z' }, NOW, t), [
      'stuck',
    ]);
    assert.deepEqual(moveFlags({ category: 'inProgress', since: '2026-11-22T13:00:00Z', updatedAt: '2026-11-23T11:00:00Z' }, NOW, t), []);
    assert.deepEqual(moveFlags({ category: 'scheduled', windowEnd: '2026-11-23T06:00:00Z', updatedAt: '2026-11-23T11:00:00Z' }, NOW, t), [
      'late',
    ]);
    assert.deepEqual(moveFlags({ category: 'scheduled', windowEnd: '2026-11-24T06:00:00Z', updatedAt: '2026-11-21T11:00:00Z' }, NOW, t), [
      'stale',
    ]);
    assert.deepEqual(
      moveFlags(
        { category: 'success', since: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' },
        NOW,
        t,
      ),
      [],
    );
    assert.deepEqual(moveFlags({ category: 'inProgress' }, NOW, t), [], 'nothing known: nothing flagged');
    assert.deepEqual(
      moveFlags({ category: 'inProgress', since: '2026-11-23T10:00:00Z' }, NOW, { ...t, inProgressHours: 1 }),
      ['stuck'],
      'the threshold is a setting',
    );
  });
});

describe('the tracking model', () => {
  it('counts per batch and in total, failures by cause with the fix, the queue, rows with since and URLs', () => {
    const plan = examplePlan();
    const m = trackingModel(plan, wave1Results(), NOW, DEFAULT_THRESHOLDS);
    assert.equal(m.rows.length, 10);
    const w1 = m.batches[0]!;
    assert.deepEqual([w1.counts.success, w1.counts.failed, w1.counts.inProgress, w1.counts.scheduled], [1, 1, 1, 1]);
    assert.equal(
      MOVE_CATEGORIES.reduce((s, c) => s + m.total[c], 0),
      10,
      'every user counted once',
    );
    assert.equal(m.failures.length, 1);
    assert.equal(m.failures[0]!.errorCode, 'MnAOdbUsersAreNotLicensed');
    assert.match(m.failures[0]!.fix!, /licen[cs]e/i);
    assert.deepEqual(m.failures[0]!.users, ['diego.siciliani@contoso.com']);
    assert.deepEqual(
      m.queues.map((q) => [q.sourceGeography, q.used, q.limit]),
      [
        ['NAM', 2, 3800],
        ['EUR', 0, 3800],
        ['APC', 0, 3800],
      ],
    );
    const alex = m.rows.find((r) => r.user === 'alex.wilber@contoso.com')!;
    assert.equal(alex.since, '2026-11-17T07:00:00.000Z');
    assert.deepEqual(alex.flags, ['stuck', 'stale'], 'in progress since the 17th, last state on the 18th');
    assert.equal(alex.sourceUrl, 'https://contoso-my.sharepoint.com/personal/alex_wilber_contoso_com');
    assert.equal(alex.targetUrl, 'https://fabrikam-my.sharepoint.com/personal/alex_wilber_fabrikam_com');
    assert.equal(m.rows.find((r) => r.user === 'lee.gu@contoso.com')!.category, 'notQueued');
    assert.equal(m.history.length, 3);
    assert.equal(m.activity.length, 3);
  });

  it('without result files a queued move has waited since it was queued', () => {
    const m = trackingModel(examplePlan(), [], NOW, DEFAULT_THRESHOLDS);
    assert.equal(m.rows.find((r) => r.user === 'isaiah.langer@contoso.com')!.since, '2026-11-16T21:00:00Z');
    assert.equal(m.rows.find((r) => r.user === 'alex.wilber@contoso.com')!.since, undefined, 'in progress since when: unknown');
    assert.equal(m.history.length, 0);
  });
});

describe('filtering the moves', () => {
  const m = trackingModel(examplePlan(), wave1Results(), NOW, DEFAULT_THRESHOLDS);
  const users = (idx: number[]) => idx.map((i) => m.rows[i]!.user.split('@')[0]);
  it('by state, batch, geography, error code, flag and text; sorted with stable ties', () => {
    assert.deepEqual(users(filterMoves(m.rows, { categories: ['failed'] })), ['diego.siciliani']);
    assert.deepEqual(users(filterMoves(m.rows, { errorCodes: ['MnAOdbUsersAreNotLicensed'] })), ['diego.siciliani']);
    assert.deepEqual(users(filterMoves(m.rows, { errorCodes: [''] })), [], 'no failure without a code');
    assert.equal(filterMoves(m.rows, { batches: ['Wave 2 - EUR'] }).length, 4);
    assert.equal(filterMoves(m.rows, { geographies: ['APC'] }).length, 2);
    assert.deepEqual(users(filterMoves(m.rows, { flag: 'stuck' })), ['alex.wilber']);
    assert.deepEqual(users(filterMoves(m.rows, { flag: 'any' })), ['alex.wilber', 'isaiah.langer']);
    assert.deepEqual(users(filterMoves(m.rows, { text: '  LENA ' })), ['lena.muller']);
    assert.deepEqual(users(filterMoves(m.rows, { text: 'fabrikameur-my' })), ['pradeep.gupta'], 'the target URL is searched');
    const byState = users(filterMoves(m.rows, { batches: ['Wave 1 - NAM pilot'] }, { column: 'state' }));
    assert.deepEqual(byState, ['adele.vance', 'diego.siciliani', 'alex.wilber', 'isaiah.langer']);
    const desc = users(filterMoves(m.rows, { batches: ['Wave 1 - NAM pilot'] }, { column: 'user', descending: true }));
    assert.deepEqual(desc, ['isaiah.langer', 'diego.siciliani', 'alex.wilber', 'adele.vance']);
  });
});

describe('the activity log', () => {
  it('one event per result file, newest first, with who did what', () => {
    const log = activityLog(wave1Results());
    assert.deepEqual(
      log.map((e) => e.title),
      [
        'Move states exported: 4 moves (1 Failed, 1 InProgress, 1 Scheduled, 1 Success)',
        'Move states exported: 4 moves (2 InProgress, 2 Scheduled)',
        "Batch 'Wave 1 - NAM pilot' queued to NAM: 4 queued",
      ],
    );
    assert.deepEqual([log[0]!.problem, log[1]!.problem], [true, false]);
    assert.deepEqual([log[2]!.side, log[2]!.tenant, log[2]!.geography], ['source', 'contoso', 'NAM']);
  });
});

describe('the report', () => {
  function hostilePlan(): Plan {
    const plan = examplePlan();
    plan.batches![0]!.name = 'Wave <img src=x onerror=alert(1)>';
    return plan;
  }
  it('is one page with no script and no external resource, escapes what comes from files, and has the chart and its table', () => {
    const plan = hostilePlan();
    const results = wave1Results().map((r) =>
      r.result.kind === 'queuedMoves' ? { ...r, result: { ...r.result, data: { ...r.result.data, batch: plan.batches![0]!.name } } } : r,
    );
    const html = migrationReportHtml(plan, trackingModel(plan, results, NOW, DEFAULT_THRESHOLDS));
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i, 'the hostile batch name is text');
    assert.doesNotMatch(html, /\b(src|href)=["']?(https?:|\/\/)/i, 'nothing is loaded from anywhere');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /<svg [^>]*role="img"/);
    assert.match(html, /The chart as a table \(3 result files\)/);
    assert.match(html, /MnAOdbUsersAreNotLicensed/);
    assert.match(html, /Activity/);
    assert.match(html, /10 % <\/b>moved|10 %<\/b>moved/);
  });

  it('the CSV has every user once, and defuses values a spreadsheet would run', () => {
    const plan = examplePlan();
    plan.moves!['diego.siciliani@contoso.com']!.error = '=HYPERLINK("http://evil")';
    const csv = movesCsv(trackingModel(plan, [], NOW, DEFAULT_THRESHOLDS));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 11);
    assert.match(lines[0]!, /^User,Target user,Batch/);
    assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`)));
  });

  it('the chart series sum the chosen batches', () => {
    const h = moveHistory(examplePlan(), wave1Results());
    const all = chartSeries(h.points);
    const wave2 = chartSeries(h.points, ['Wave 2 - EUR']);
    assert.deepEqual(
      wave2.series.map((s) => s.category),
      ['notQueued'],
    );
    assert.deepEqual(all.series.find((s) => s.category === 'success')!.values, [0, 0, 1]);
  });
});

describe('retrying the failed users', () => {
  it('moves them into a new batch that remembers where they came from; every user stays in one batch and the plan validates', async () => {
    const { withRetryBatch } = await import('../../src/core/moves/retryBatch');
    const { validatePlanText } = await import('../../src/core/plan/validatePlan');
    const plan = examplePlan();
    plan.moves!['isaiah.langer@contoso.com']!.state = 'QueueFailed';
    const r = withRetryBatch(plan, 'Wave 1 - NAM pilot')!;
    assert.equal(r.batch.name, 'Wave 1 - NAM pilot retry');
    assert.deepEqual(r.batch.users, ['diego.siciliani@contoso.com', 'isaiah.langer@contoso.com']);
    assert.equal(r.batch.retryOf, 'Wave 1 - NAM pilot');
    assert.deepEqual(r.plan.batches![0]!.users, ['adele.vance@contoso.com', 'alex.wilber@contoso.com']);
    assert.equal(r.plan.batches![1]!.name, 'Wave 1 - NAM pilot retry', 'right after its original');
    const validation = validatePlanText(JSON.stringify(r.plan), { now: NOW });
    assert.deepEqual(
      validation.problems.filter((p) => p.severity === 'error'),
      [],
    );
    // Once more: the next retry gets its own name.
    r.plan.moves!['alex.wilber@contoso.com']!.state = 'Failed';
    assert.equal(withRetryBatch(r.plan, 'Wave 1 - NAM pilot')!.batch.name, 'Wave 1 - NAM pilot retry 2');
    assert.equal(withRetryBatch(plan, 'Wave 2 - EUR'), undefined, 'nothing failed: no batch');
  });
});

describe('what is worth a notification', () => {
  it('a finished batch, each failure and a trust whose dormant period is over, each with an id that stays the same', async () => {
    const { migrationEvents } = await import('../../src/core/moves/migrationEvents');
    const plan = examplePlan();
    const before = migrationEvents(plan, NOW);
    assert.deepEqual(
      before.filter((e) => e.kind !== 'trustUsable').map((e) => e.id),
      ['moveFailed:diego.siciliani@contoso.com:2026-11-18T07:40:00Z'],
    );
    // Wave 1 done: Alex moved, Isaiah stopped.
    plan.moves!['alex.wilber@contoso.com']!.state = 'Success';
    plan.moves!['isaiah.langer@contoso.com']!.state = 'Stopped';
    const after = migrationEvents(plan, NOW);
    const finished = after.find((e) => e.kind === 'batchFinished')!;
    assert.equal(finished.text, "Batch 'Wave 1 - NAM pilot' has finished: 2 of 4 OneDrives moved.");
    assert.deepEqual(
      migrationEvents(plan, NOW).map((e) => e.id),
      after.map((e) => e.id),
      'the same facts, the same ids (told once)',
    );
    // EUR → EUR: requested on both sides; its dormant period ends on the 27th.
    const trusts = (at: string) =>
      migrationEvents(plan, new Date(at))
        .filter((e) => e.kind === 'trustUsable')
        .map((e) => e.subject);
    assert.ok(!trusts('2026-11-23T12:00:00Z').includes('EUR → EUR'));
    assert.ok(trusts('2026-11-30T00:00:00Z').includes('EUR → EUR'));
  });
});

describe('who a queue run asks for', () => {
  it('not the moved or the under way; failed ones only in a retry batch', async () => {
    const { queueCandidates } = await import('../../src/core/moves/queueCandidates');
    const plan = examplePlan();
    const wave1 = plan.batches![0]!;
    assert.deepEqual(queueCandidates(plan, wave1), { queue: [], skipped: 4 });
    assert.deepEqual(queueCandidates(plan, { ...wave1, retryOf: 'Wave 0' }).queue, ['diego.siciliani@contoso.com']);
    assert.equal(queueCandidates(plan, plan.batches![2]!).queue.length, 2, 'wave 3: nobody queued yet');
  });
});
