/**
 * Plan validation: JSON syntax → structure (the schema) → meaning (the rules below). Every problem
 * carries its JSON path and, at the end, its line:column. The happy path never builds a syntax
 * tree: locating is paid only when there is something to report.
 */
import { locateProblems, parseJson } from '../json/jsonLocations';
import { hasErrors, problem, type JsonPath, type Problem } from '../json/problem';
import { validateAgainstSchema } from '../json/schemaValidator';
import { GEOGRAPHY_CODES, SINGLE_GEO_CODE, isMultiGeoCode } from '../tenancy/geographies';
import { normalizeAdminUrl, normalizeHostUrl } from '../tenancy/tenantUrls';
import { batchSlug, batchUserSource } from './planQueries';
import { pathsOutside } from './planPaths';
import { DEFAULT_QUEUE_LIMIT, PlanSchema, SIDES, type Plan, type Side, type Tenant } from './planSchema';
import { hasSingleQuote, isUserPrincipalName } from './principalNames';

export interface PlanValidation {
  /** The plan when it is structurally valid (semantic errors may remain: check `problems`). */
  plan?: Plan;
  problems: Problem[];
}

export interface ValidateOptions {
  /** "Now", for warnings about windows in the past. Omit to skip time-relative checks. */
  now?: Date;
}

export function validatePlanText(text: string, options: ValidateOptions = {}): PlanValidation {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { problems: parsed.problems };
  const structural = validateAgainstSchema(PlanSchema, parsed.value);
  if (hasErrors(structural)) return { problems: locateProblems(parsed.text, structural) };
  const plan = parsed.value as Plan;
  const problems = [...structural, ...validatePlanRules(plan, options)];
  return { plan, problems: problems.length ? locateProblems(parsed.text, problems) : problems };
}

/** The meaning checks, on a structurally valid plan. */
export function validatePlanRules(plan: Plan, options: ValidateOptions = {}): Problem[] {
  const out: Problem[] = [];
  checkStrings(plan, out);
  for (const p of pathsOutside(plan)) {
    out.push(
      problem(
        'warning',
        'plan.pathOutside',
        p.path,
        `${JSON.stringify(p.value)} is outside the plan's folder.`,
        `The tool follows ${p.label} outside the plan's folder only when you allow it (the CLI's --allow-outside, a question in VS Code). Use a path inside it, e.g. '${
          p.value
            .split(/[\\/]/)
            .filter((x) => x && x !== '..')
            .pop() ?? 'results'
        }'.`,
      ),
    );
  }
  for (const side of SIDES) checkTenant(plan[side], side, out);
  checkTenantsDiffer(plan, out);
  const geos = { source: geographyCodes(plan.source), target: geographyCodes(plan.target) };
  checkTrusts(plan, geos, out);
  checkBatches(plan, geos, options, out);
  return out;
}

// C0 and C1 controls, line and paragraph separators, bidi embeddings and isolates, the BOM: invisible,
// or able to break a script line, a file name or a terminal. None belongs in a plan.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const PADDED = /^\s|\s$/;
export const MAX_BATCH_NAME = 100;

/** Every string of the plan, wherever it is: no control or invisible characters, no spaces around it. */
function checkStrings(root: unknown, out: Problem[]): void {
  // One path stack, copied only for a problem: plans hold tens of thousands of move records.
  const path: Array<string | number> = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12) return;
    if (typeof value === 'string') {
      const bad = INVISIBLE.exec(value);
      if (bad) {
        const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        out.push(
          problem(
            'error',
            'plan.controlCharacter',
            [...path],
            `This value contains an invisible or control character (${code}) at position ${bad.index + 1}.`,
            'Retype the value: it came with a character that cannot be seen and would reach the scripts.',
          ),
        );
      } else if (PADDED.test(value)) {
        out.push(
          problem(
            'error',
            'plan.padded',
            [...path],
            `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} has spaces around it.`,
            'Remove them: the scripts compare and connect with exact values.',
          ),
        );
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const k in value as Record<string, unknown>) {
        path.push(k);
        visit((value as Record<string, unknown>)[k], depth + 1);
        path.pop();
      }
    }
  };
  visit(root, 0);
}

function geographyCodes(tenant: Tenant): Set<string> {
  return new Set(tenant.geographies.map((g) => g.code));
}

const GEO_HINT = `Valid codes: ${GEOGRAPHY_CODES.join(', ')} ('${SINGLE_GEO_CODE}' for a single-geo tenant).`;

function checkTenant(tenant: Tenant, side: Side, out: Problem[]): void {
  const base: JsonPath = [side];
  if (!/^[a-z0-9]+$/i.test(tenant.name)) {
    out.push(
      problem(
        'error',
        'plan.tenantName',
        [...base, 'name'],
        `'${tenant.name}' is not a tenant name.`,
        "Use the prefix of <name>.onmicrosoft.com: letters and digits only, e.g. 'contoso'.",
      ),
    );
  }
  const seen = new Map<string, number>();
  const defaults: number[] = [];
  tenant.geographies.forEach((g, i) => {
    const at: JsonPath = [...base, 'geographies', i];
    if (!isMultiGeoCode(g.code) && g.code !== SINGLE_GEO_CODE) {
      out.push(problem('error', 'plan.unknownGeography', [...at, 'code'], `Unknown geography code '${g.code}'.`, GEO_HINT));
    }
    if (seen.has(g.code)) {
      out.push(
        problem(
          'error',
          'plan.duplicateGeography',
          [...at, 'code'],
          `Geography '${g.code}' is listed twice for the ${side} tenant.`,
          'List each geography once.',
        ),
      );
    }
    seen.set(g.code, i);
    if (g.default) defaults.push(i);
    if (g.code === SINGLE_GEO_CODE && tenant.geographies.length > 1) {
      out.push(
        problem(
          'error',
          'plan.defaultCodeInMultiGeo',
          [...at, 'code'],
          `'${SINGLE_GEO_CODE}' is only for a single-geo tenant, but this tenant lists ${tenant.geographies.length} geographies.`,
          `Use the Multi-Geo code of the central location (e.g. NAM) and mark it "default": true. ${GEO_HINT}`,
        ),
      );
    }
    const admin = normalizeAdminUrl(g.adminUrl);
    if (!admin.ok) out.push(problem('error', 'plan.adminUrl', [...at, 'adminUrl'], admin.error, admin.hint));
    if (g.hostUrl !== undefined && g.hostUrl.trim() !== '') {
      const host = normalizeHostUrl(g.hostUrl);
      if (!host.ok) out.push(problem('error', 'plan.hostUrl', [...at, 'hostUrl'], host.error, host.hint));
    }
  });
  if (tenant.geographies.length > 1 && defaults.length !== 1) {
    const at: JsonPath = defaults.length > 1 ? [...base, 'geographies', defaults[1]!, 'default'] : [...base, 'geographies'];
    out.push(
      problem(
        'error',
        'plan.defaultGeography',
        at,
        defaults.length
          ? `The ${side} tenant marks ${defaults.length} geographies as default.`
          : `The ${side} tenant is Multi-Geo but no geography is marked as default.`,
        'Mark exactly one geography (the central location) with "default": true.',
      ),
    );
  }
}

function checkTenantsDiffer(plan: Plan, out: Problem[]): void {
  if (plan.source.name.toLowerCase() === plan.target.name.toLowerCase()) {
    out.push(
      problem(
        'error',
        'plan.sameTenant',
        ['target', 'name'],
        `Source and target are the same tenant ('${plan.source.name}').`,
        'Cross-tenant migration moves OneDrives between two different tenants; for moves inside one tenant use the Multi-Geo move cmdlets.',
      ),
    );
  }
  if (plan.source.tenantId && plan.target.tenantId && plan.source.tenantId.toLowerCase() === plan.target.tenantId.toLowerCase()) {
    out.push(
      problem(
        'error',
        'plan.sameTenantId',
        ['target', 'tenantId'],
        'Source and target have the same tenant ID.',
        'Check that each tenant ID was copied from the right Entra admin center.',
      ),
    );
  }
  const adminUrls = new Map<string, string>();
  for (const side of SIDES) {
    plan[side].geographies.forEach((g, i) => {
      const key = g.adminUrl.trim().toLowerCase().replace(/\/+$/, '');
      const other = adminUrls.get(key);
      if (other)
        out.push(
          problem(
            'error',
            'plan.duplicateAdminUrl',
            [side, 'geographies', i, 'adminUrl'],
            `This admin URL is already used by ${other}.`,
            'Every geography has its own admin URL.',
          ),
        );
      else adminUrls.set(key, `${side} geography ${g.code}`);
    });
  }
}

function checkGeographyRef(code: string, side: Side, known: Set<string>, path: JsonPath, out: Problem[]): boolean {
  if (known.has(code)) return true;
  out.push(
    problem(
      'error',
      'plan.geographyNotInTenant',
      path,
      `The ${side} tenant has no geography '${code}'.`,
      `${side === 'source' ? 'Source' : 'Target'} geographies in this plan: ${[...known].join(', ')}.`,
    ),
  );
  return false;
}

function checkTrusts(plan: Plan, geos: Record<Side, Set<string>>, out: Problem[]): void {
  const pairs = new Set<string>();
  (plan.trusts ?? []).forEach((t, i) => {
    const at: JsonPath = ['trusts', i];
    checkGeographyRef(t.sourceGeography, 'source', geos.source, [...at, 'sourceGeography'], out);
    checkGeographyRef(t.targetGeography, 'target', geos.target, [...at, 'targetGeography'], out);
    const key = `${t.sourceGeography}>${t.targetGeography}`;
    if (pairs.has(key))
      out.push(
        problem(
          'error',
          'plan.duplicateTrust',
          at,
          `The pair ${t.sourceGeography} → ${t.targetGeography} is listed twice.`,
          'Keep one entry per geography pair.',
        ),
      );
    pairs.add(key);
  });
}

function checkBatches(plan: Plan, geos: Record<Side, Set<string>>, options: ValidateOptions, out: Problem[]): void {
  const limit = plan.limits?.maxQueuedPerSourceGeography ?? DEFAULT_QUEUE_LIMIT;
  const trustPairs = new Set((plan.trusts ?? []).map((t) => `${t.sourceGeography}>${t.targetGeography}`));
  const names = new Map<string, number>();
  const userBatch = new Map<string, string>();
  const perSourceGeo = new Map<string, { users: number; batches: number }>();
  (plan.batches ?? []).forEach((b, i) => {
    const at: JsonPath = ['batches', i];
    const slug = batchSlug(b.name);
    if (b.name.length > MAX_BATCH_NAME)
      out.push(
        problem(
          'error',
          'plan.batchNameLength',
          [...at, 'name'],
          `The batch name has ${b.name.length} characters; at most ${MAX_BATCH_NAME}.`,
          "Use a shorter name: it names the batch's script and CSV files.",
        ),
      );
    if (names.has(slug))
      out.push(
        problem(
          'error',
          'plan.duplicateBatch',
          [...at, 'name'],
          `Another batch already uses the name '${b.name}' (script file names would collide).`,
          'Give every batch a unique name.',
        ),
      );
    names.set(slug, i);
    const srcOk = checkGeographyRef(b.sourceGeography, 'source', geos.source, [...at, 'sourceGeography'], out);
    const tgtOk = checkGeographyRef(b.targetGeography, 'target', geos.target, [...at, 'targetGeography'], out);
    if (srcOk && tgtOk && !trustPairs.has(`${b.sourceGeography}>${b.targetGeography}`)) {
      out.push(
        problem(
          'warning',
          'plan.batchWithoutTrust',
          at,
          `No trust entry for ${b.sourceGeography} → ${b.targetGeography}, which this batch needs.`,
          `Add {"sourceGeography": "${b.sourceGeography}", "targetGeography": "${b.targetGeography}"} to "trusts"; the scripts include the pair either way.`,
        ),
      );
    }
    if (b.users.length > limit) {
      const parts = Math.ceil(b.users.length / limit);
      out.push(
        problem(
          'error',
          'plan.batchTooLarge',
          [...at, 'users'],
          `Batch '${b.name}' has ${b.users.length.toLocaleString('en-US')} users for source geography ${b.sourceGeography}; at most ${limit.toLocaleString('en-US')} moves can be queued per source geography.`,
          `Split it into ${parts} batches of at most ${limit.toLocaleString('en-US')} users (e.g. '${b.name}-1' … '${b.name}-${parts}') and queue the next one when the previous is close to completion.`,
        ),
      );
    }
    const geo = perSourceGeo.get(b.sourceGeography) ?? { users: 0, batches: 0 };
    perSourceGeo.set(b.sourceGeography, { users: geo.users + b.users.length, batches: geo.batches + 1 });
    b.users.forEach((u, j) => {
      const upn = batchUserSource(u);
      const path: JsonPath = typeof u === 'string' ? [...at, 'users', j] : [...at, 'users', j, 'source'];
      checkUpn(upn, path, out);
      if (typeof u !== 'string' && u.target !== undefined) checkUpn(u.target, [...at, 'users', j, 'target'], out);
      const key = upn.toLowerCase();
      const previous = userBatch.get(key);
      if (previous !== undefined) {
        out.push(
          problem(
            'error',
            'plan.duplicateUser',
            path,
            `${upn} is already in batch '${previous}'.`,
            'A OneDrive moves once: keep the user in one batch.',
          ),
        );
      } else userBatch.set(key, b.name);
    });
    // A window in the past matters before the batch is queued, not for a batch under way or done.
    const queued = b.users.some((u) => plan.moves?.[batchUserSource(u).toLowerCase()] !== undefined);
    checkWindow(b.preferredBeginUtc, b.preferredEndUtc, at, queued ? {} : options, out);
  });
  for (const [geo, { users: total, batches }] of perSourceGeo) {
    if (batches > 1 && total > limit) {
      out.push(
        problem(
          'info',
          'plan.queueAcrossBatches',
          ['batches'],
          `Batches from source geography ${geo} hold ${total.toLocaleString('en-US')} users in all, more than the ${limit.toLocaleString('en-US')} that can be queued at once.`,
          'Queue them one after another: the queue script only fills the free slots and reports the rest.',
        ),
      );
    }
  }
}

function checkUpn(upn: string, path: JsonPath, out: Problem[]): void {
  if (!isUserPrincipalName(upn)) {
    out.push(problem('error', 'plan.upn', path, `'${upn}' is not a user principal name.`, 'Expected name@domain, e.g. alice@contoso.com.'));
  } else if (hasSingleQuote(upn)) {
    out.push(
      problem(
        'warning',
        'plan.apostrophe',
        path,
        `${upn} contains an apostrophe; Microsoft documents that such users fail with an 'invalid character' error.`,
        'Rename the user (UPN without apostrophe) before migrating, and update the identity map.',
      ),
    );
  }
}

function checkWindow(begin: string | undefined, end: string | undefined, at: JsonPath, options: ValidateOptions, out: Problem[]): void {
  const b = begin ? Date.parse(begin) : undefined;
  const e = end ? Date.parse(end) : undefined;
  if (b !== undefined && e !== undefined && b >= e) {
    out.push(
      problem(
        'error',
        'plan.window',
        [...at, 'preferredEndUtc'],
        'The preferred end is not after the preferred begin.',
        'Both times are UTC; the end must come after the begin.',
      ),
    );
  }
  if (options.now && e !== undefined && e < options.now.getTime()) {
    out.push(
      problem(
        'warning',
        'plan.windowPast',
        [...at, 'preferredEndUtc'],
        `The preferred end (${end}) is in the past.`,
        'Move the window into the future before queueing this batch, or remove it.',
      ),
    );
  }
}
