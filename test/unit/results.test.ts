import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { locateProblems } from '../../src/core/json/jsonLocations';
import type { Plan } from '../../src/core/plan/planSchema';
import { ingestResults, type IngestOutcome } from '../../src/core/results/ingestResults';
import { readResult } from '../../src/core/results/readResult';
import { ROOT, examplePlan } from '../support/fixtures';

type Envelope = {
  kind: string;
  side: 'source' | 'target';
  geography: string;
  createdAt: string;
  data: unknown;
  tenant?: string;
  adminUrl?: string;
};

const ADMIN: Record<string, string> = {
  'source:NAM': 'https://contoso-admin.sharepoint.com',
  'source:EUR': 'https://contosoeur-admin.sharepoint.com',
  'source:APC': 'https://contosoapc-admin.sharepoint.com',
  'target:NAM': 'https://fabrikam-admin.sharepoint.com',
  'target:EUR': 'https://fabrikameur-admin.sharepoint.com',
};

function resultText(e: Envelope): string {
  return JSON.stringify(
    {
      schema: 'onedrive-migration-result',
      version: 1,
      kind: e.kind,
      side: e.side,
      tenant: e.tenant ?? (e.side === 'source' ? 'contoso' : 'fabrikam'),
      geography: e.geography,
      adminUrl: e.adminUrl ?? ADMIN[`${e.side}:${e.geography}`],
      createdAt: e.createdAt,
      data: e.data,
    },
    null,
    2,
  );
}

function ingest(plan: Plan, ...envelopes: Envelope[]): IngestOutcome {
  return ingestResults(
    plan,
    envelopes.map((e, i) => readResult(`r${i}.json`, resultText(e))),
  );
}

const problemsOf = (o: IngestOutcome, code?: string) =>
  o.problems.filter((p) => !code || p.problem.code === code).map((p) => p.problem.message);

describe('reading result files', () => {
  it('reads what Windows PowerShell 5.1 writes: BOM, CRLF, \\u0027 escapes, {"value": [...], "Count": n} arrays', () => {
    const file = path.join(ROOT, 'test/fixtures/results/target-EUR-trustVerification-20261127T120001123Z.json');
    const r = readResult(file, readFileSync(file, 'utf8'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.result?.kind, 'trustVerification');
    assert.ok(r.result?.kind === 'trustVerification' && r.result.data.pairs[0]!.raw === "GoodToProceed 'ok'");
  });

  it('reports malformed files with line and column', () => {
    const file = path.join(ROOT, 'test/fixtures/results/malformed.json');
    const r = readResult(file, readFileSync(file, 'utf8'));
    assert.equal(r.result, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.path.join('.'), p.range?.line]),
      [['data.entries.0', 12]],
    );
    assert.match(r.problems[0]!.message, /Missing required property 'partnerHostUrl'/);
  });

  it('rejects JSON that is not a result, unknown kinds and bad JSON', () => {
    assert.match(readResult('a.json', '{"hello": 1}').problems[0]!.message, /not a migration result file/);
    const badKind = readResult(
      'b.json',
      resultText({ kind: 'party', side: 'source', geography: 'NAM', createdAt: '2026-11-24T08:00:00Z', data: {} }),
    );
    assert.match(badKind.problems[0]!.message, /'party' is not an accepted value/);
    const bad = readResult('c.json', '{"schema": "onedrive-migration-result",\n  "version": 1,\n}');
    assert.equal(bad.problems[0]!.code, 'json.syntax');
    assert.equal(bad.problems[0]!.range?.line, 3);
    const noLocal = readResult(
      'd.json',
      resultText({ kind: 'hostUrl', side: 'source', geography: 'NAM', createdAt: '2026-11-24 08:00', data: { hostUrl: 'x' } }),
    );
    assert.match(noLocal.problems[0]!.hint!, /UTC time ending in Z/);
  });
});

describe('folding results into the plan', () => {
  it('hostUrl: fills an unknown host URL, leaves an equal one, and reports a different one as a conflict', () => {
    const plan = examplePlan();
    delete plan.target.geographies[1]!.hostUrl;
    const o = ingest(
      plan,
      {
        kind: 'hostUrl',
        side: 'target',
        geography: 'EUR',
        createdAt: '2026-11-24T08:00:00Z',
        data: { hostUrl: 'HTTPS://FabrikamEUR-my.sharepoint.com/', raw: null },
      },
      {
        kind: 'hostUrl',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: { hostUrl: 'https://contoso-my.sharepoint.com' },
      },
      {
        kind: 'hostUrl',
        side: 'source',
        geography: 'EUR',
        createdAt: '2026-11-24T08:00:00Z',
        data: { hostUrl: 'https://contosonew-my.sharepoint.com' },
      },
    );
    assert.equal(o.plan.target.geographies[1]!.hostUrl, 'https://fabrikameur-my.sharepoint.com');
    assert.equal(o.plan.source.geographies[1]!.hostUrl, 'https://contosoeur-my.sharepoint.com', 'not overwritten');
    assert.deepEqual(problemsOf(o, 'results.conflict'), [
      "Host URL https://contosonew-my.sharepoint.com differs from the plan's source EUR host URL https://contosoeur-my.sharepoint.com.",
    ]);
    assert.deepEqual(
      o.changes.map((c) => c.description),
      ['target EUR: host URL set to https://fabrikameur-my.sharepoint.com'],
    );
    assert.equal(plan.target.geographies[1]!.hostUrl, undefined, 'the input plan is not mutated');
  });

  it('refuses results from another tenant, an unknown geography or another admin URL', () => {
    const base = { kind: 'hostUrl', createdAt: '2026-11-24T08:00:00Z', data: { hostUrl: 'https://x-my.sharepoint.com' } } as const;
    const o = ingest(
      examplePlan(),
      { ...base, side: 'source', geography: 'NAM', tenant: 'northwind' },
      { ...base, side: 'target', geography: 'APC', adminUrl: 'https://fabrikamapc-admin.sharepoint.com' },
      { ...base, side: 'target', geography: 'NAM', adminUrl: 'https://fabrikameur-admin.sharepoint.com' },
    );
    const messages = problemsOf(o, 'results.conflict');
    assert.equal(messages.length, 3);
    assert.match(messages[0]!, /tenant 'northwind'/);
    assert.match(messages[1]!, /no target geography 'APC'/);
    assert.match(messages[2]!, /connected to https:\/\/fabrikameur-admin/);
    assert.deepEqual(o.plan, examplePlan());
  });

  it('trust requests, verifications and removals update their side; older results never win', () => {
    const pair = { partnerGeography: 'NAM', partnerHostUrl: 'https://fabrikam-my.sharepoint.com' };
    const o = ingest(
      examplePlan(),
      {
        kind: 'trustRequest',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-24T08:00:00Z',
        data: { pairs: [{ ...pair, requestedAt: '2026-11-24T08:00:00Z', ok: true, error: null }] },
      },
      {
        kind: 'trustVerification',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-25T08:00:00Z',
        data: { pairs: [{ ...pair, result: 'NotEstablishedByPartner', verifiedAt: '2026-11-25T08:00:00Z', raw: '' }] },
      },
      {
        kind: 'trustVerification',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-24T09:00:00Z',
        data: { pairs: [{ ...pair, result: 'NotEstablished', verifiedAt: '2026-11-24T09:00:00Z' }] },
      },
      {
        kind: 'trustRemoval',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-26T08:00:00Z',
        data: { pairs: [{ ...pair, removedAt: '2026-11-26T08:00:00Z', ok: true, resultAfter: 'NotEstablished' }] },
      },
    );
    const apc = o.plan.trusts!.find((t) => t.sourceGeography === 'APC')!;
    assert.deepEqual(apc.source, {
      requestedAt: '2026-11-24T08:00:00Z',
      lastVerifiedAt: '2026-11-25T08:00:00Z',
      lastResult: 'NotEstablishedByPartner',
    });
    assert.equal(o.plan.trusts![0]!.source!.removedAt, '2026-11-26T08:00:00Z');
  });

  it('adds a trust pair the plan did not list, and reports a partner host URL that differs from the plan', () => {
    const o = ingest(
      examplePlan(),
      {
        kind: 'trustRequest',
        side: 'target',
        geography: 'EUR',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          pairs: [
            {
              partnerGeography: 'APC',
              partnerHostUrl: 'https://contosoapc-my.sharepoint.com',
              requestedAt: '2026-11-24T08:00:00Z',
              ok: true,
            },
          ],
        },
      },
      {
        kind: 'trustRequest',
        side: 'target',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          pairs: [
            {
              partnerGeography: 'NAM',
              partnerHostUrl: 'https://contoso-admin.sharepoint.com',
              requestedAt: '2026-11-24T08:00:00Z',
              ok: true,
            },
          ],
        },
      },
    );
    assert.deepEqual(o.plan.trusts!.at(-1), {
      sourceGeography: 'APC',
      targetGeography: 'EUR',
      target: { requestedAt: '2026-11-24T08:00:00Z' },
    });
    assert.match(problemsOf(o, 'results.conflict')[0]!, /partner host URL https:\/\/contoso-admin\.sharepoint\.com/);
  });

  it('a failed request and an unknown verification state are reported, not recorded', () => {
    const pair = { partnerGeography: 'NAM', partnerHostUrl: 'https://fabrikam-my.sharepoint.com' };
    const o = ingest(
      examplePlan(),
      {
        kind: 'trustRequest',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          pairs: [
            {
              ...pair,
              requestedAt: '2026-11-24T08:00:00Z',
              ok: false,
              error: 'The Cross-Tenant content move feature is not enabled for this tenant.',
            },
          ],
        },
      },
      {
        kind: 'trustVerification',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-24T09:00:00Z',
        data: { pairs: [{ ...pair, result: 'Unknown', verifiedAt: '2026-11-24T09:00:00Z', raw: 'Access denied' }] },
      },
    );
    assert.deepEqual(
      o.plan.trusts!.find((t) => t.sourceGeography === 'APC'),
      { sourceGeography: 'APC', targetGeography: 'NAM' },
    );
    assert.equal(problemsOf(o, 'results.note').length, 2);
  });

  it('compatibility: recorded per pair from the source, refused from the target', () => {
    const data = {
      pairs: [
        {
          partnerGeography: 'EUR',
          partnerHostUrl: 'https://fabrikameur-my.sharepoint.com',
          status: 'Incompatible',
          checkedAt: '2026-11-24T08:00:00Z',
          raw: 'Incompatible',
        },
      ],
    };
    const o = ingest(examplePlan(), { kind: 'compatibility', side: 'source', geography: 'EUR', createdAt: '2026-11-24T08:00:00Z', data });
    assert.deepEqual(o.plan.trusts![1]!.compatibility, { status: 'Incompatible', checkedAt: '2026-11-24T08:00:00Z' });
    const wrong = ingest(examplePlan(), {
      kind: 'compatibility',
      side: 'target',
      geography: 'EUR',
      createdAt: '2026-11-24T08:00:00Z',
      data: { pairs: [] },
    });
    assert.match(problemsOf(wrong, 'results.conflict')[0]!, /checked on the source/);
  });

  it('queued moves: queued, validated, failed (with its MnA code) and refused batches', () => {
    const entry = (source: string, status: string, error: string | null = null) => ({
      source,
      target: source.replace('contoso', 'fabrikam'),
      status,
      at: '2026-11-24T08:00:00Z',
      error,
    });
    const o = ingest(
      examplePlan(),
      {
        kind: 'queuedMoves',
        side: 'source',
        geography: 'EUR',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          batch: 'Wave 2 - EUR',
          partnerGeography: 'EUR',
          partnerHostUrl: 'https://fabrikameur-my.sharepoint.com',
          validationOnly: false,
          refused: null,
          pendingBefore: 12,
          entries: [
            entry('lena.muller@contoso.com', 'queued'),
            entry(
              'Johanna.Lorenz@contoso.com',
              'failed',
              'MnAIdentityMapEntryDoesNotExistsForSourceUPN: Identity map entry for source UPN [x] does not exist',
            ),
            entry('henrietta.mueller@contoso.com', 'skipped', 'queue full'),
          ],
        },
      },
      {
        kind: 'queuedMoves',
        side: 'source',
        geography: 'APC',
        createdAt: '2026-11-24T09:00:00Z',
        data: {
          batch: 'Wave 3 - APC to NAM',
          partnerGeography: 'NAM',
          partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
          validationOnly: true,
          refused: null,
          entries: [entry('lee.gu@contoso.com', 'validated'), entry('miriam.graham@contoso.com', 'failed', 'MnAOdbUsersAreNotLicensed')],
        },
      },
      {
        kind: 'queuedMoves',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-24T10:00:00Z',
        data: {
          batch: 'Wave 1 - NAM pilot',
          partnerGeography: 'NAM',
          partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
          validationOnly: false,
          refused: 'The trust is DormantByPartner',
          entries: [],
        },
      },
    );
    const moves = o.plan.moves!;
    assert.equal(moves['lena.muller@contoso.com']!.state, 'Queued');
    assert.equal(moves['lena.muller@contoso.com']!.targetGeography, 'EUR');
    assert.equal(moves['johanna.lorenz@contoso.com']!.state, 'QueueFailed');
    assert.equal(moves['johanna.lorenz@contoso.com']!.errorCode, 'MnAIdentityMapEntryDoesNotExistsForSourceUPN');
    assert.equal(moves['henrietta.mueller@contoso.com'], undefined);
    assert.deepEqual(moves['lee.gu@contoso.com']!.validation, { at: '2026-11-24T08:00:00Z', passed: true });
    assert.equal(moves['miriam.graham@contoso.com']!.validation!.passed, false);
    assert.equal(moves['miriam.graham@contoso.com']!.state, 'NotStarted', 'validation does not start a move');
    assert.match(problemsOf(o, 'results.note')[0]!, /Wave 1 - NAM pilot' was not queued: The trust is DormantByPartner/);
  });

  it('move states from either side, newest wins, error codes extracted, nameless entries counted', () => {
    const entry = (upn: string | null, state: string, error: string | null = null) => ({
      sourceUserPrincipalName: upn,
      targetUserPrincipalName: null,
      state,
      moveJobId: null,
      sourceSiteUrl: null,
      targetSiteUrl: null,
      timeStamp: null,
      error,
      partnerHostUrl: 'https://contoso-my.sharepoint.com',
    });
    const o = ingest(
      examplePlan(),
      {
        kind: 'moveState',
        side: 'target',
        geography: 'NAM',
        createdAt: '2026-11-24T10:00:00Z',
        data: {
          entries: [
            entry('alex.wilber@contoso.com', 'Success'),
            entry('isaiah.langer@contoso.com', 'Failed', 'The target tenant has a conflict for the site provided'),
            entry(null, 'InProgress'),
          ],
        },
      },
      {
        kind: 'moveState',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-18T07:00:00Z',
        data: { entries: [{ ...entry('adele.vance@contoso.com', 'InProgress'), partnerHostUrl: 'https://fabrikam-my.sharepoint.com' }] },
      },
    );
    const moves = o.plan.moves!;
    assert.equal(moves['alex.wilber@contoso.com']!.state, 'Success');
    assert.equal(moves['alex.wilber@contoso.com']!.updatedAt, '2026-11-24T10:00:00Z');
    assert.equal(moves['isaiah.langer@contoso.com']!.errorCode, 'MnASiteMoveTargetUrlHasWriteConflict');
    assert.equal(moves['adele.vance@contoso.com']!.state, 'Success', 'an older InProgress does not undo Success');
    assert.match(problemsOf(o, 'results.note')[0]!, /1 move had no source UPN/);
  });

  it('stopped moves, redirect inventories and removals', () => {
    const plan = examplePlan();
    plan.postMigration = { redirectSitesToRemove: ['https://contoso-my.sharepoint.com/personal/adele_vance_contoso_com/'] };
    const o = ingest(
      plan,
      {
        kind: 'moveStop',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: { entries: [{ source: 'isaiah.langer@contoso.com', at: '2026-11-24T08:00:00Z', ok: true, stateBefore: 'Scheduled' }] },
      },
      {
        kind: 'redirectSites',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          includesPersonalSites: true,
          sites: [{ url: 'https://contoso-my.sharepoint.com/personal/adele_vance_contoso_com', template: 'RedirectSite#0' }],
        },
      },
      {
        kind: 'redirectSites',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-25T08:00:00Z',
        data: { includesPersonalSites: true, sites: [] },
      },
      {
        kind: 'redirectRemoval',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-26T08:00:00Z',
        data: {
          entries: [{ url: 'https://contoso-my.sharepoint.com/personal/adele_vance_contoso_com', at: '2026-11-26T08:00:00Z', ok: true }],
        },
      },
    );
    assert.equal(o.plan.moves!['isaiah.langer@contoso.com']!.state, 'Stopped');
    assert.equal(o.redirectInventories.length, 1);
    assert.deepEqual(o.redirectInventories[0]!.urls, [], 'the newest inventory per geography');
    assert.deepEqual(o.plan.postMigration!.redirectSitesToRemove, []);
  });

  it('identity map uploads per target geography, with failed spot checks reported', () => {
    const o = ingest(examplePlan(), {
      kind: 'identityMapUpload',
      side: 'target',
      geography: 'EUR',
      createdAt: '2026-11-24T08:00:00Z',
      data: {
        path: 'C:\\m\\identity-map.csv',
        sha256: 'ab12',
        rows: 15,
        snapshot: 'identity-map-uploaded-EUR-20261124080000.csv',
        spotChecks: [{ kind: 'User', key: 'lee.gu@contoso.com', found: false, detail: '' }],
      },
    });
    assert.deepEqual(o.plan.identityMapUploads, {
      EUR: { uploadedAt: '2026-11-24T08:00:00Z', sha256: 'ab12', rows: 15, snapshot: 'identity-map-uploaded-EUR-20261124080000.csv' },
    });
    assert.match(problemsOf(o, 'results.note')[0]!, /lee\.gu@contoso\.com was not found/);
  });

  it('pre-creation, target OneDrive and migrate-back checks become notes for the admin', () => {
    const o = ingest(
      examplePlan(),
      {
        kind: 'precreation',
        side: 'target',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          users: [{ target: 'lee.gu@fabrikam.com', status: 'created', objectId: 'id1' }],
          groups: [{ source: 'g1', mappedTarget: 'g2', status: 'created', objectId: 'g3', error: null }],
        },
      },
      {
        kind: 'targetOneDriveCheck',
        side: 'target',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          checkedUsers: 12,
          conflicts: [{ target: 'lee.gu@fabrikam.com', url: 'https://fabrikam-my.sharepoint.com/personal/lee_gu_fabrikam_com' }],
        },
      },
      {
        kind: 'migrateBackCheck',
        side: 'source',
        geography: 'NAM',
        createdAt: '2026-11-24T08:00:00Z',
        data: {
          entries: [
            {
              source: 'adele.vance@contoso.com',
              redirectUrl: 'https://contoso-my.sharepoint.com/personal/adele_vance_contoso_com',
              conflict: true,
            },
          ],
        },
      },
    );
    const notes = problemsOf(o, 'results.note');
    assert.equal(notes.length, 3);
    assert.match(notes[0]!, /Group g1 was created in the target as g3: update the identity map/);
    assert.match(notes[1]!, /already has a OneDrive on the target/);
    assert.match(notes[2]!, /blocks moving adele\.vance@contoso\.com back/);
  });

  it('conflicts point at the line of the disagreeing value in the result file', () => {
    const file = path.join(ROOT, 'test/fixtures/results/source-NAM-hostUrl-conflict.json');
    const text = readFileSync(file, 'utf8');
    const o = ingestResults(examplePlan(), [readResult(file, text)]);
    const [located] = locateProblems(
      text,
      o.problems.map((p) => p.problem),
    );
    assert.equal(located!.range?.line, 11);
  });
});
