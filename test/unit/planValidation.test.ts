import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblem, type Problem } from '../../src/core/json/problem';
import type { Plan } from '../../src/core/plan/planSchema';
import { applyEdits, modify } from 'jsonc-parser';
import { detectFormatting, rewritePlanText } from '../../src/core/plan/planText';
import { validatePlanText } from '../../src/core/plan/validatePlan';
import { examplePlan, examplePlanText } from '../support/fixtures';

const NOW = { now: new Date('2026-11-23T00:00:00Z') };

function validate(plan: unknown) {
  return validatePlanText(JSON.stringify(plan, null, 2), NOW);
}

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got: ${JSON.stringify(problems.map((p) => p.code))}`);
  return found[0]!;
}

function mutate(change: (plan: Plan) => void): Plan {
  const plan = examplePlan();
  change(plan);
  return plan;
}

describe('plan validation', () => {
  it('accepts the example with no problem at all', () => {
    const r = validatePlanText(examplePlanText(), NOW);
    assert.ok(r.plan);
    assert.deepEqual(r.problems, []);
  });

  it('tolerates a UTF-8 BOM', () => {
    assert.deepEqual(validatePlanText('\uFEFF' + examplePlanText(), NOW).problems, []);
  });

  it('reports JSON syntax errors at their line and column', () => {
    const r = validatePlanText('{\n  "version": 1,\n  "source": {\n    "name": "contoso"\n    "geographies": []\n  }\n}', NOW);
    assert.equal(r.plan, undefined);
    const p = r.problems[0]!;
    assert.equal(p.code, 'json.syntax');
    assert.deepEqual([p.range?.line, p.range?.column], [5, 5]);
    assert.match(formatProblem('plan.json', p), /^plan\.json:5:5: error: JSON syntax error: comma expected/);
  });

  it('reports an empty file', () => {
    assert.equal(validatePlanText('', NOW).problems[0]!.code, 'json.empty');
  });

  it('reports a missing required property at the object that lacks it', () => {
    const r = validate(mutate((p) => delete (p.source as Partial<Plan['source']>).name));
    const p = only(r.problems, 'schema.required');
    assert.deepEqual(p.path, ['source']);
    assert.match(p.message, /Missing required property 'name'/);
    assert.equal(p.range?.line, 5);
  });

  it('underlines the offending value, and an unknown property at its key', () => {
    const text = examplePlanText().replace('"code": "APC"', '"code": "ASIA"').replace('"version": 1,', '"version": 1,\n  "batchs": [],');
    const r = validatePlanText(text, NOW);
    const lines = text.split('\n');
    const enumProblem = only(r.problems, 'schema.enum');
    assert.deepEqual(
      [enumProblem.range?.line, enumProblem.range?.column],
      [lines.findIndex((l) => l.includes('"ASIA"')) + 1, lines.find((l) => l.includes('"ASIA"'))!.indexOf('"ASIA"') + 1],
    );
    const typo = r.problems.find((p) => p.code === 'schema.unknownProperty')!;
    assert.deepEqual([typo.range?.line, typo.range?.column, typo.range?.length], [4, 3, 8]);
  });

  it('reports a wrong type with its JSON path and position', () => {
    const text = examplePlanText().replace('"users": ["lee.gu@contoso.com", "miriam.graham@contoso.com"]', '"users": "lee.gu@contoso.com"');
    const r = validatePlanText(text, NOW);
    const p = only(r.problems, 'schema.type');
    assert.deepEqual(p.path, ['batches', 2, 'users']);
    assert.match(p.message, /Expected an array, found a string/);
    assert.equal(p.range?.line, text.split('\n').findIndex((l) => l.includes('"users": "lee.gu')) + 1);
  });

  it('names the valid codes for an unknown geography code', () => {
    const r = validate(mutate((p) => (p.target.geographies[1]!.code = 'EUROPE')));
    const p = only(r.problems, 'schema.enum');
    assert.deepEqual(p.path, ['target', 'geographies', 1, 'code']);
    assert.match(p.hint!, /APC, ARE, AUS, BRA, CAN, CHE, DEU, EUR, FRA, GBR, IND, JPN, KOR, NAM, NOR, SWE, ZAF, default/);
  });

  it('explains how to split a batch over the queue limit of its source geography', () => {
    const r = validate(mutate((p) => (p.batches![0]!.users = Array.from({ length: 9001 }, (_, i) => `user${i}@contoso.com`))));
    const p = r.problems.find((x) => x.code === 'plan.batchTooLarge')!;
    assert.deepEqual(p.path, ['batches', 0, 'users']);
    assert.match(p.message, /9,001 users for source geography NAM; at most 3,800 moves can be queued/);
    assert.match(p.hint!, /Split it into 3 batches .*'Wave 1 - NAM pilot-1' … 'Wave 1 - NAM pilot-3'/);
    assert.ok(!r.problems.some((x) => x.code === 'plan.queueAcrossBatches'), 'one batch: the error says it all');
  });

  it('notes when several batches of one source geography exceed the queue together', () => {
    const r = validate(
      mutate((p) => {
        p.batches![0]!.users = Array.from({ length: 2500 }, (_, i) => `a${i}@contoso.com`);
        p.batches!.push({
          name: 'Wave 4',
          sourceGeography: 'NAM',
          targetGeography: 'NAM',
          users: Array.from({ length: 2500 }, (_, i) => `b${i}@contoso.com`),
        });
      }),
    );
    const p = only(r.problems, 'plan.queueAcrossBatches');
    assert.equal(p.severity, 'info');
    assert.match(p.message, /NAM hold 5,000 users in all, more than the 3,800/);
  });

  it("uses Microsoft's 4,000 when the plan sets no limit", () => {
    const r = validate(
      mutate((p) => {
        delete p.limits;
        p.batches![0]!.users = Array.from({ length: 4001 }, (_, i) => `user${i}@contoso.com`);
      }),
    );
    assert.match(only(r.problems, 'plan.batchTooLarge').message, /at most 4,000/);
  });

  it('rejects a user in two batches, a malformed UPN, and warns about apostrophes', () => {
    const r = validate(
      mutate((p) => {
        p.batches![1]!.users.push('adele.vance@contoso.com', 'not-a-upn', "o'brien@contoso.com");
      }),
    );
    assert.match(only(r.problems, 'plan.duplicateUser').message, /already in batch 'Wave 1 - NAM pilot'/);
    assert.deepEqual(only(r.problems, 'plan.upn').path, ['batches', 1, 'users', 5]);
    assert.equal(only(r.problems, 'plan.apostrophe').severity, 'warning');
  });

  it('checks default geographies of Multi-Geo tenants', () => {
    assert.match(
      only(validate(mutate((p) => delete p.source.geographies[0]!.default)).problems, 'plan.defaultGeography').message,
      /no geography is marked as default/,
    );
    assert.match(
      only(validate(mutate((p) => (p.target.geographies[1]!.default = true))).problems, 'plan.defaultGeography').message,
      /marks 2 geographies/,
    );
    assert.ok(
      validate(mutate((p) => (p.source.geographies[2]!.code = 'default'))).problems.some((x) => x.code === 'plan.defaultCodeInMultiGeo'),
    );
  });

  it('checks URLs with hints that give the right one', () => {
    const r = validate(
      mutate((p) => {
        p.source.geographies[0]!.adminUrl = 'https://contoso.sharepoint.com';
        p.target.geographies[0]!.hostUrl = 'https://fabrikam-admin.sharepoint.com';
        p.target.geographies[1]!.adminUrl = 'https://fabrikameur-admin.sharepoint.us';
      }),
    );
    const admin = r.problems.filter((x) => x.code === 'plan.adminUrl');
    assert.equal(admin.length, 2);
    assert.match(admin[0]!.hint!, /https:\/\/contoso-admin\.sharepoint\.com/);
    assert.match(admin[1]!.message, /not supported/);
    assert.match(only(r.problems, 'plan.hostUrl').message, /MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost/);
  });

  it('rejects the same tenant on both sides, and duplicate admin URLs', () => {
    const r = validate(
      mutate((p) => {
        p.target.name = 'Contoso';
        p.target.tenantId = p.source.tenantId!;
        p.target.geographies[0]!.adminUrl = 'https://contoso-admin.sharepoint.com/';
      }),
    );
    assert.ok(r.problems.some((x) => x.code === 'plan.sameTenant'));
    assert.ok(r.problems.some((x) => x.code === 'plan.sameTenantId'));
    assert.ok(r.problems.some((x) => x.code === 'plan.duplicateAdminUrl'));
  });

  it('checks geography references of trusts and batches', () => {
    const r = validate(
      mutate((p) => {
        p.trusts![2]!.sourceGeography = 'GBR';
        p.batches![2]!.targetGeography = 'APC';
      }),
    );
    const refs = r.problems.filter((x) => x.code === 'plan.geographyNotInTenant');
    assert.deepEqual(
      refs.map((x) => x.path),
      [
        ['trusts', 2, 'sourceGeography'],
        ['batches', 2, 'targetGeography'],
      ],
    );
    assert.match(refs[1]!.hint!, /Target geographies in this plan: NAM, EUR/);
  });

  it('warns when a batch needs a trust pair the plan does not list', () => {
    const r = validate(mutate((p) => p.trusts!.pop()));
    const p = only(r.problems, 'plan.batchWithoutTrust');
    assert.equal(p.severity, 'warning');
    assert.match(p.hint!, /"sourceGeography": "APC", "targetGeography": "NAM"/);
  });

  it('checks preferred windows: UTC format, order, and the past', () => {
    const r = validate(
      mutate((p) => {
        p.batches![0]!.preferredEndUtc = '2026-12-05T21:00:00Z';
        p.batches![1]!.preferredBeginUtc = '2026-12-12 20:00';
      }),
    );
    assert.match(only(r.problems, 'schema.pattern').hint!, /ISO 8601 UTC time ending in Z/);
    const r2 = validate(mutate((p) => (p.batches![0]!.preferredEndUtc = '2026-12-05T21:00:00Z')));
    assert.match(only(r2.problems, 'plan.window').message, /not after the preferred begin/);
    const r3 = validate(
      mutate((p) => {
        p.batches![1]!.preferredBeginUtc = '2026-01-01T00:00:00Z';
        p.batches![1]!.preferredEndUtc = '2026-01-02T00:00:00Z';
      }),
    );
    assert.equal(only(r3.problems, 'plan.windowPast').severity, 'warning');
    // A batch already queued (wave 1 has moves) ran in its window: its past is no news.
    const r4 = validate(
      mutate((p) => {
        p.batches![0]!.preferredBeginUtc = '2026-01-01T00:00:00Z';
        p.batches![0]!.preferredEndUtc = '2026-01-02T00:00:00Z';
      }),
    );
    assert.equal(r4.problems.filter((x) => x.code === 'plan.windowPast').length, 0);
  });

  it('rejects duplicate batch names (file names would collide)', () => {
    const r = validate(mutate((p) => (p.batches![1]!.name = 'wave 1 -- NAM PILOT')));
    assert.ok(r.problems.some((x) => x.code === 'plan.duplicateBatch'));
  });

  it('keeps unknown properties, warning only about likely typos', () => {
    const r = validate(
      mutate((p) => {
        (p as unknown as Record<string, unknown>).batchs = [];
        (p as unknown as Record<string, unknown>).ticket = 'CHG-1234';
      }),
    );
    const p = only(r.problems, 'schema.unknownProperty');
    assert.match(p.message, /Unknown property 'batchs'. Did you mean 'batches'\?/);
    assert.equal(p.severity, 'warning');
    assert.ok(r.plan);
  });
});

describe('rewriting a plan', () => {
  it('changes only what changed, keeping unknown fields and the formatting elsewhere', () => {
    const text = examplePlanText().replace('"version": 1,', '"version": 1,\n  "ticket": { "id": "CHG-1234",   "owner": "ops" },');
    const before = validatePlanText(text, NOW).plan!;
    const after = structuredClone(before);
    after.target.geographies[1]!.hostUrl = 'https://fabrikameur2-my.sharepoint.com';
    const out = rewritePlanText(text, before, after);
    assert.match(out, /"ticket": \{ "id": "CHG-1234", {3}"owner": "ops" \}/, 'untouched unknown field keeps its exact text');
    assert.match(out, /fabrikameur2-my/);
    const batchesBefore = text.slice(text.indexOf('"batches"'), text.indexOf('"moves"'));
    assert.ok(out.includes(batchesBefore), 'untouched sections keep their formatting');
    assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(after)) as unknown);
  });
});

describe('rewriting a plan: linear, and the same text the JSON formatter writes', () => {
  // The previous implementation: jsonc-parser's modify (formats edit by edit; quadratic in the value's size).
  const reference = (text: string, before: Plan, after: Plan): string => {
    const formattingOptions = detectFormatting(text);
    let out = text;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const a = (before as Record<string, unknown>)[key];
      const b = (after as Record<string, unknown>)[key];
      if (JSON.stringify(a) !== JSON.stringify(b)) out = applyEdits(out, modify(out, [key], b, { formattingOptions }));
    }
    return out.endsWith('\n') ? out : out + formattingOptions.eol;
  };
  const variants: Array<[string, (t: string) => string]> = [
    ['spaces, LF', (t) => t],
    ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
    ['tabs', (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))],
    ['four spaces', (t) => t.replace(/^( {2})+/gm, (m) => ' '.repeat(m.length * 2))],
  ];
  for (const [name, variant] of variants) {
    it(`writes what the formatter wrote (${name}): changed objects, arrays, a new key, a removed key`, () => {
      const text = variant(examplePlanText());
      const before = JSON.parse(text) as Plan;
      const after = structuredClone(before) as Plan & Record<string, unknown>;
      after.moves = {
        ...after.moves,
        'new.user@contoso.com': { state: 'Queued', updatedAt: '2026-11-24T08:00:00Z', targetUser: 'new.user@fabrikam.com' },
      };
      after.postMigration = {
        redirectSitesToRemove: [
          'https://contoso-my.sharepoint.com/personal/a_contoso_com',
          'https://contoso-my.sharepoint.com/personal/b_contoso_com',
        ],
        migrateBackUsers: [],
      };
      after.trusts = [
        ...(after.trusts ?? []),
        { sourceGeography: 'EUR', targetGeography: 'NAM', source: { requestedAt: '2026-11-24T08:00:00Z' } },
      ];
      after.identityMapUploads = { NAM: { uploadedAt: '2026-11-24T08:00:00Z', sha256: 'ab', rows: 14 } };
      delete (after as { limits?: unknown }).limits;
      assert.equal(rewritePlanText(text, before, after), reference(text, before, after));
    });
  }

  it('rewrites 20,000 move states (npm run bench measures it: linear since the single-edit rewrite)', () => {
    const text = examplePlanText();
    const before = JSON.parse(text) as Plan;
    const after = structuredClone(before);
    after.moves = {};
    for (let i = 0; i < 20_000; i++)
      after.moves[`user${i}@contoso.com`] = { state: 'Success', updatedAt: '2026-11-18T07:40:00Z', targetUser: `user${i}@fabrikam.com` };
    const out = rewritePlanText(text, before, after);
    assert.equal(Object.keys((JSON.parse(out) as Plan).moves!).length, 20_000);
  });
});
