/**
 * Hostile values from files (issue 9): impossible and future times, long cells, results that name
 * another organisation's hosts or geographies, site URLs that are not sites. Each must give a clear
 * problem and change nothing it should not; no view may throw on a plan that validates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildChecklist } from '../../src/core/checklist/checklist';
import { parseIdentityMap } from '../../src/core/identity/identityMapFile';
import { validateIdentityMap } from '../../src/core/identity/validateIdentityMap';
import type { Plan } from '../../src/core/plan/planSchema';
import { validatePlanText } from '../../src/core/plan/validatePlan';
import { ingestResults } from '../../src/core/results/ingestResults';
import { readResult } from '../../src/core/results/readResult';
import { siteUrlOfGeography } from '../../src/core/tenancy/siteUrls';
import { cutLongRuns } from '../../src/core/text/cutLongRuns';
import { parseUtcTime } from '../../src/core/text/utcTime';
import { nextAction } from '../../src/core/views/nextAction';
import { childrenOf, rootNodes, type TreeNodeModel } from '../../src/core/views/tenantsTree';
import { examplePlan, examplePlanText } from '../support/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');

const result = (kind: string, data: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      schema: 'onedrive-migration-result',
      version: 1,
      kind,
      side: 'source',
      tenant: 'contoso',
      geography: 'NAM',
      adminUrl: 'https://contoso-admin.sharepoint.com',
      createdAt: '2026-11-22T08:00:00.000Z',
      data,
      ...over,
    },
    null,
    2,
  );
const ingest = (text: string, plan: Plan = examplePlan()) => ingestResults(plan, [readResult('r.json', text)], { now: NOW });
const messages = (o: ReturnType<typeof ingest>) => o.problems.map((p) => p.problem.message).join('\n');

describe('times are real times', () => {
  it('refuses impossible dates that match the shape, in plans and in results, at their line', () => {
    for (const bad of [
      '2026-13-45T99:99Z',
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00Z',
      '2026-04-31T00:00Z',
      '2026-01-01T24:00Z',
      '2026-01-01T10:60Z',
    ]) {
      assert.equal(parseUtcTime(bad), undefined, bad);
      const text = examplePlanText().replace('"2026-11-02T15:04:00Z"', JSON.stringify(bad));
      const v = validatePlanText(text, { now: NOW });
      const p = v.problems.find((x) => x.code === 'schema.time');
      assert.ok(p, bad);
      assert.equal(p.range?.line, 28);
      assert.match(p.message, /is not a real time/);
      const r = readResult(
        'r.json',
        result('trustRequest', {
          pairs: [
            { partnerGeography: 'NAM', partnerHostUrl: 'https://fabrikam-my.sharepoint.com', requestedAt: bad, ok: true, error: null },
          ],
        }),
      );
      assert.equal(r.result, undefined, bad);
      assert.match(r.problems[0]!.message, /is not a real time/);
    }
    assert.equal(parseUtcTime('2028-02-29T10:00Z'), Date.parse('2028-02-29T10:00Z'), 'a leap day is a real day');
  });

  it('refuses a result from the future (beyond an hour of clock skew); the plan is unchanged and later results still apply', () => {
    const future = result(
      'trustVerification',
      {
        pairs: [
          {
            partnerGeography: 'NAM',
            partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
            result: 'NotEstablished',
            verifiedAt: '9999-12-31T23:59:59Z',
            raw: null,
          },
        ],
      },
      { createdAt: '2026-11-23T12:30:00.000Z' },
    );
    const o = ingest(future);
    assert.deepEqual(o.plan, examplePlan());
    assert.match(
      messages(o),
      /'9999-12-31T23:59:59Z' is later than now \(2026-11-23T12:00:00\.000Z\): a result cannot come from the future/,
    );
    assert.equal(o.problems[0]!.problem.severity, 'error');
    const genuine = result(
      'trustVerification',
      {
        pairs: [
          {
            partnerGeography: 'NAM',
            partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
            result: 'GoodToProceed',
            verifiedAt: '2026-11-23T11:00:00Z',
            raw: null,
          },
        ],
      },
      { createdAt: '2026-11-23T11:00:01.000Z' },
    );
    const both = ingestResults(examplePlan(), [readResult('a.json', future), readResult('b.json', genuine)], { now: NOW });
    assert.equal(both.plan.trusts![0]!.source!.lastVerifiedAt, '2026-11-23T11:00:00Z');
    // Within the skew is fine.
    assert.equal(ingest(result('trustVerification', { pairs: [] }, { createdAt: '2026-11-23T12:59:00.000Z' })).problems.length, 0);
  });

  it('no view throws on a plan that validates, whatever real times it records (property)', () => {
    const time = fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(time, time, time, (a, b, c) => {
        const text = examplePlanText()
          .replace('"2026-11-02T15:04:00Z"', JSON.stringify(a))
          .replace('"2026-11-10T09:12:00Z"', JSON.stringify(b))
          .replace('"2026-11-20T11:45:00Z"', JSON.stringify(c));
        const v = validatePlanText(text, { now: NOW });
        if (!v.plan || v.problems.some((p) => p.severity === 'error')) return;
        const input = { plan: v.plan, redirectInventories: [], now: NOW };
        const walk = (nodes: TreeNodeModel[]): void => nodes.forEach((n) => walk(childrenOf(input, n)));
        walk(rootNodes(input));
        buildChecklist({ plan: v.plan, targetOneDriveChecks: [], now: NOW });
        nextAction(v.plan, NOW);
      }),
      { numRuns: 150 },
    );
  });
});

describe('long values', () => {
  it('messages cut a 50,000-character value to its start and its length', () => {
    const long = 'x'.repeat(50_000);
    const row = `User,7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03,${long},${long}@fabrikam.com,${'a.'.repeat(25_000)}@,RegularUser\r\n`;
    const problems = validateIdentityMap(parseIdentityMap(row), {});
    assert.ok(problems.length >= 2);
    for (const p of problems) assert.ok(p.message.length < 400, `${p.code}: ${p.message.length} characters`);
    assert.match(
      problems.find((p) => p.code === 'map.upn')!.message,
      /source: 'x{119}… \(50,002 characters\) is not a user principal name\./,
    );
    assert.equal(cutLongRuns('short value'), 'short value');
    assert.equal(cutLongRuns(`a ${'b'.repeat(200)} c`), `a ${'b'.repeat(200)} c`, 'a run of 200 is kept');
  });
});

describe('results are checked against the plan, field by field', () => {
  it('a result whose admin URL is empty or not SharePoint is a conflict, and changes nothing', () => {
    for (const adminUrl of [
      '',
      'https://contoso-admin.sharepoint.com.evil.example',
      'https://evil.example/contoso-admin.sharepoint.com',
      'https://fabrikam-admin.sharepoint.com',
    ]) {
      const o = ingest(
        result('hostUrl', { hostUrl: 'https://contoso-my.sharepoint.com', raw: null, allowedDataLocations: null }, { adminUrl }),
      );
      assert.ok(
        o.problems.some((p) => p.problem.code === 'results.conflict'),
        adminUrl,
      );
      assert.deepEqual(o.plan, examplePlan(), adminUrl);
    }
  });

  it("move states naming another organisation's partner host are not applied", () => {
    const entry = (host: string) => ({
      sourceUserPrincipalName: 'isaiah.langer@contoso.com',
      targetUserPrincipalName: null,
      state: 'Success',
      moveJobId: null,
      sourceSiteUrl: null,
      targetSiteUrl: null,
      timeStamp: null,
      error: null,
      partnerHostUrl: host,
    });
    const o = ingest(
      result('moveState', {
        entries: [entry('https://northwind-my.sharepoint.com'), entry('https://fabrikam-my.sharepoint.com.evil.example')],
      }),
    );
    assert.equal(o.plan.moves!['isaiah.langer@contoso.com']!.state, 'Scheduled');
    assert.match(messages(o), /2 moves name a partner host URL that is not one of the plan's target geographies/);
  });

  it('queued moves naming an unknown partner geography or another host are a conflict', () => {
    const entries = [
      {
        source: 'isaiah.langer@contoso.com',
        target: 'isaiah.langer@fabrikam.com',
        status: 'queued',
        at: '2026-11-22T08:00:00Z',
        error: null,
      },
    ];
    for (const [partnerGeography, partnerHostUrl] of [
      ['XYZ', 'https://fabrikam-my.sharepoint.com'],
      ['NAM', 'https://northwind-my.sharepoint.com'],
      ['NAM', 'not a url'],
    ]) {
      const o = ingest(
        result('queuedMoves', {
          batch: 'Wave 1 - NAM pilot',
          partnerGeography,
          partnerHostUrl,
          validationOnly: false,
          refused: null,
          pendingBefore: 0,
          entries,
        }),
      );
      assert.ok(
        o.problems.some((p) => p.problem.code === 'results.conflict'),
        `${partnerGeography} ${partnerHostUrl}`,
      );
      assert.equal(o.plan.moves!['isaiah.langer@contoso.com']!.state, 'Scheduled');
    }
    const fromTarget = ingest(
      result(
        'queuedMoves',
        {
          batch: 'x',
          partnerGeography: 'NAM',
          partnerHostUrl: 'https://contoso-my.sharepoint.com',
          validationOnly: false,
          refused: null,
          pendingBefore: 0,
          entries,
        },
        { side: 'target', tenant: 'fabrikam', adminUrl: 'https://fabrikam-admin.sharepoint.com' },
      ),
    );
    assert.match(messages(fromTarget), /Moves are queued on the source/);
  });
});

describe('site URLs from files', () => {
  const admin = 'https://contoso-admin.sharepoint.com';
  it("only https sites on the geography's own SharePoint hosts, in one line, without credentials", () => {
    assert.equal(
      siteUrlOfGeography('https://contoso-my.sharepoint.com/personal/a_contoso_com/', admin),
      'https://contoso-my.sharepoint.com/personal/a_contoso_com',
    );
    assert.equal(siteUrlOfGeography('https://contoso.sharepoint.com/sites/old', admin), 'https://contoso.sharepoint.com/sites/old');
    for (const bad of [
      'file:///etc/passwd',
      'vscode://ms-vscode.remote/x',
      'command:workbench.action.terminal.new',
      'http://contoso.sharepoint.com/sites/old',
      'https://evil.example/sites/old',
      'https://contosoeur-my.sharepoint.com/personal/a',
      'https://contoso.sharepoint.com.evil.example/x',
      'https://user:pw@contoso.sharepoint.com/x',
      'https://contoso.sharepoint.com:8443/x',
      'https://contoso.sharepoint.com/a\nhttps://contoso.sharepoint.com/b',
      'https://contoso.sharepoint.com/a\u2028b',
      ' https://contoso.sharepoint.com/a',
      'javascript:alert(1)',
      '',
    ])
      assert.equal(siteUrlOfGeography(bad, admin), undefined, JSON.stringify(bad));
  });

  it('redirect inventories keep only those; the rest is reported and never becomes a node', () => {
    const sites = [
      'https://contoso-my.sharepoint.com/personal/a_contoso_com',
      'file:///c:/windows',
      'command:workbench.action.terminal.new',
      'https://contoso.sharepoint.com/a\nhttps://contoso.sharepoint.com/b',
      'https://northwind.sharepoint.com/x',
    ].map((url) => ({ url, template: 'RedirectSite#0', lastModified: null }));
    const o = ingest(result('redirectSites', { includesPersonalSites: true, sites }));
    assert.deepEqual(o.redirectInventories[0]!.urls, ['https://contoso-my.sharepoint.com/personal/a_contoso_com']);
    assert.match(messages(o), /4 site URLs are not https sites of source NAM/);
  });
});

describe('invisible characters and lengths in the plan', () => {
  // Replaces the first JSON string equal to `needle` with `value` (escaped as JSON writes it).
  const withValue = (needle: string, value: string) => examplePlanText().replace(JSON.stringify(needle), JSON.stringify(value));
  it('refuses control and invisible characters anywhere, at their line, and values with spaces around them', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['adele.vance@contoso.com', 'adele.vance@contoso.com\u0000', /invisible or control character \(U\+0000\) at position 24/],
      ['Wave 1 - NAM pilot', 'Wave 1\u001b[2J - NAM pilot', /U\+001B/],
      ['Contoso → Fabrikam (acquisition)', 'Contoso\u2028Fabrikam', /U\+2028/],
      ['https://contoso-admin.sharepoint.com', '\u00a0https://contoso-admin.sharepoint.com', /has spaces around it/],
      ['https://fabrikam-admin.sharepoint.com', 'https://fabrikam-admin.sharepoint.com\t', /U\+0009/],
      ['identity-map.csv', 'identity-map\u202e.csv', /U\+202E/],
    ];
    for (const [needle, value, expected] of cases) {
      const v = validatePlanText(withValue(needle, value), { now: NOW });
      const p = v.problems.find((x) => x.code === 'plan.controlCharacter' || x.code === 'plan.padded');
      assert.ok(p, value);
      assert.match(p.message, expected);
      assert.equal(p.severity, 'error');
      assert.ok(p.range && p.range.line > 1, 'located at its line');
    }
  });

  it('refuses a batch name longer than 100 characters (it names script files)', () => {
    const v = validatePlanText(examplePlanText().replace('"Wave 2 - EUR"', JSON.stringify('W'.repeat(300))), { now: NOW });
    assert.match(v.problems.find((p) => p.code === 'plan.batchNameLength')!.message, /300 characters; at most 100/);
  });
});

describe('duplicate keys', () => {
  it('a key twice in one object is an error at the second copy, naming the first (plans and results)', () => {
    const text = examplePlanText().replace('"identityMap": "identity-map.csv",', '"identityMap": "identity-map.csv",\n  "trusts": [],');
    const v = validatePlanText(text, { now: NOW });
    assert.equal(v.plan, undefined);
    const p = v.problems[0]!;
    assert.equal(p.code, 'json.duplicateKey');
    assert.match(p.message, /^"trusts" appears twice in this object \(first at line 24, column 3\)\.$/);
    assert.equal(p.range?.line, 41);
    const r = readResult(
      'r.json',
      result('trustRequest', { pairs: [] }).replace('"kind": "trustRequest",', '"kind": "trustRequest",\n  "kind": "hostUrl",'),
    );
    assert.equal(r.result, undefined);
    assert.equal(r.problems[0]!.code, 'json.duplicateKey');
  });

  it('the same name in different objects, escaped spellings and keys inside strings are told apart', async () => {
    const { duplicateKey } = await import('../../src/core/json/jsonLocations');
    assert.equal(duplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"\\"a\\":1,\\"a\\":2"}'), undefined);
    assert.equal(duplicateKey('{"a":1,"\\u0061":2}')?.key, 'a');
    assert.equal(duplicateKey('[{"x":1,"y":{"x":2},"x":3}]')?.key, 'x');
    assert.equal(duplicateKey('{"k":[1,2,{"k":1}],"k":2}')?.firstOffset, 1);
  });
});
