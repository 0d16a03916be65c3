/**
 * No view model and no generator may throw on a plan that validates (issue 9), whatever the plan
 * records: random trusts in every state, move records with any state and error text, batches, times
 * from 1970 to 9999, names in any script, redirect sites and checklist ticks. Plans are random
 * variations of the example, so most of them validate and the views get real work.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildChecklist, checklistProgress } from '../../src/core/checklist/checklist';
import { MOVE_STATES, TRUST_VERIFICATION_RESULTS, COMPATIBILITY_STATUSES, type Plan } from '../../src/core/plan/planSchema';
import { validatePlanText } from '../../src/core/plan/validatePlan';
import { generateScripts } from '../../src/core/powershell/generateScripts';
import { nextAction } from '../../src/core/views/nextAction';
import { childrenOf, rootNodes, type TreeInput, type TreeNodeModel } from '../../src/core/views/tenantsTree';
import { exampleInput, examplePlan } from '../support/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');
// The example's source geographies are NAM, EUR and APC, its target geographies NAM and EUR; XYZ is neither.
const GEOS = ['NAM', 'EUR', 'APC', 'XYZ'];
const USERS = [
  'alex.wilber@contoso.com',
  'isaiah.langer@contoso.com',
  'lena.muller@contoso.com',
  'adele.vance@contoso.com',
  'nobody@contoso.com',
];

const time = fc
  .oneof(
    fc.date({ min: new Date('2026-10-01T00:00:00Z'), max: new Date('2026-11-23T12:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
  )
  .map((d) => d.toISOString());
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', 'MnASiteMoveTargetUrlHasWriteConflict', "O'Brien", '$(Remove-Item C:\\)', '`n', '<script>'),
);
const geographyOf = (codes: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...codes), weight: 19 }, { arbitrary: fc.constantFrom(...GEOS), weight: 1 });
const geography = geographyOf(GEOS.slice(0, 3));
const sourceGeography = geographyOf(['NAM', 'EUR', 'APC']);
const targetGeography = geographyOf(['NAM', 'EUR']);
// Users of the example's batches, and users in no batch yet (a user may be in one batch only).
const newUser = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => `new.user${n}@contoso.com`), weight: 9 },
  { arbitrary: fc.emailAddress(), weight: 1 },
);
const upn = fc.oneof({ arbitrary: fc.constantFrom(...USERS), weight: 9 }, { arbitrary: fc.emailAddress(), weight: 1 });

const direction = fc.record(
  { requestedAt: time, lastVerifiedAt: time, lastResult: fc.constantFrom(...TRUST_VERIFICATION_RESULTS), removedAt: time },
  { requiredKeys: [] },
);
const trust = fc.record(
  {
    sourceGeography,
    targetGeography,
    source: direction,
    target: direction,
    compatibility: fc.record({ status: fc.constantFrom(...COMPATIBILITY_STATUSES), checkedAt: time }),
  },
  { requiredKeys: ['sourceGeography', 'targetGeography'] },
);
const move = fc.record(
  {
    state: fc.oneof(fc.constantFrom(...MOVE_STATES), text),
    updatedAt: time,
    queuedAt: time,
    targetUser: upn,
    sourceGeography: geography,
    targetGeography: geography,
    sourceSiteUrl: fc.oneof(fc.webUrl(), text),
    targetSiteUrl: fc.oneof(fc.webUrl(), text),
    error: text,
    errorCode: text,
    validation: fc.record({ at: time, passed: fc.boolean(), error: text }, { requiredKeys: ['at', 'passed'] }),
  },
  { requiredKeys: ['state', 'updatedAt'] },
);
const batch = fc.record(
  {
    name: fc.oneof(fc.constantFrom('Wave 1', 'Wave 2 - EUR'), fc.string({ minLength: 1, maxLength: 30 })),
    sourceGeography,
    targetGeography,
    users: fc.uniqueArray(fc.oneof(newUser, fc.record({ source: newUser, target: upn }, { requiredKeys: ['source'] })), {
      maxLength: 4,
      selector: (u) => (typeof u === 'string' ? u : u.source),
    }),
    preferredBeginUtc: time,
    preferredEndUtc: time,
  },
  { requiredKeys: ['name', 'users', 'sourceGeography', 'targetGeography'] },
);

const variation = fc.record(
  {
    name: text,
    trusts: fc.uniqueArray(trust, { maxLength: 4, selector: (t) => `${t.sourceGeography}>${t.targetGeography}` }),
    batches: fc.array(batch, { maxLength: 2 }),
    moves: fc.dictionary(upn, move, { maxKeys: 8 }),
    redirectSitesToRemove: fc.array(fc.oneof(fc.webUrl(), text), { maxLength: 3 }),
    checklist: fc.dictionary(fc.constantFrom('step1', 'step2', 'step6', 'step7', 'other'), fc.record({ done: fc.boolean(), at: time }), {
      maxKeys: 3,
    }),
    keepExampleTrusts: fc.boolean(),
  },
  { requiredKeys: ['keepExampleTrusts'] },
);

type Variation = typeof variation extends fc.Arbitrary<infer T> ? T : never;

function planFrom(v: Variation): Plan {
  const plan = examplePlan();
  if (v.name !== undefined) plan.name = v.name;
  if (v.trusts) {
    const kept = v.keepExampleTrusts ? (plan.trusts ?? []) : [];
    const pair = (t: { sourceGeography: string; targetGeography: string }) => `${t.sourceGeography}>${t.targetGeography}`;
    plan.trusts = [...kept, ...(v.trusts as NonNullable<Plan['trusts']>).filter((t) => !kept.some((k) => pair(k) === pair(t)))];
  }
  if (v.batches) plan.batches = [...(plan.batches ?? []), ...(v.batches as Plan['batches'] & object)];
  if (v.moves) plan.moves = { ...plan.moves, ...(v.moves as Plan['moves']) };
  if (v.redirectSitesToRemove) plan.postMigration = { redirectSitesToRemove: v.redirectSitesToRemove };
  if (v.checklist) plan.checklist = v.checklist;
  return plan;
}

function exerciseViews(plan: Plan): number {
  const input: TreeInput = { plan, redirectInventories: [], now: NOW };
  let nodes = 0;
  const walk = (list: TreeNodeModel[]): void =>
    list.forEach((n) => {
      nodes++;
      assert.equal(typeof n.label, 'string');
      walk(childrenOf(input, n));
    });
  walk(rootNodes(input));
  const items = buildChecklist({ plan, targetOneDriveChecks: [], now: NOW });
  checklistProgress(items);
  assert.equal(typeof nextAction(plan, NOW).text, 'string');
  generateScripts({ ...exampleInput(plan) });
  return nodes;
}

describe('views and generators on any plan that validates (property)', () => {
  it('never throw, and the test sees both valid and refused plans', () => {
    let valid = 0;
    let refused = 0;
    fc.assert(
      fc.property(variation, (v) => {
        const validation = validatePlanText(JSON.stringify(planFrom(v), null, 2), { now: NOW });
        if (!validation.plan || validation.problems.some((p) => p.severity === 'error')) {
          refused++;
          return;
        }
        valid++;
        assert.ok(exerciseViews(validation.plan) > 2);
      }),
      { numRuns: 400, seed: 20261201 },
    );
    // Both kinds are needed for the property to mean something.
    assert.ok(valid >= 150, `only ${valid} of 400 random plans validated`);
    assert.ok(refused >= 50, `only ${refused} of 400 random plans were refused`);
  });
});
