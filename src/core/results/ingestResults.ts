/**
 * Folds result files into the plan: host URLs, trust requests/verifications/removals,
 * compatibility, queued moves and move states, identity-map uploads. Pure: returns a new plan,
 * the list of changes, and problems per file. Never overwrites silently: a value that disagrees
 * with the plan (a different host URL, another tenant, an unknown geography) is a conflict and
 * the plan keeps its value. Older results never replace newer state (files may come in any order).
 */
import { counted } from '../text/plural';
import { problem, type JsonPath, type Problem } from '../json/problem';
import { findGeography, hostUrlOf } from '../plan/planQueries';
import type {
  CompatibilityStatus,
  Geography,
  MoveRecord,
  Plan,
  Side,
  TrustDirection,
  TrustPair,
  TrustVerificationResult,
} from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { hostsOfAdminUrl, normalizeAdminUrl, normalizeHostUrl } from '../tenancy/tenantUrls';
import { parseUtcTime } from '../text/utcTime';
import { siteUrlOfGeography } from '../tenancy/siteUrls';
import { replacesState } from '../plan/moveStates';
import { isPlainFileName } from '../plan/planPaths';
import { findErrorCode } from '../errors/mnaErrorCodes';
import { bestEntryPerMove, moveEntrySource, sourceUsersBySiteUrl } from './moveEntries';
import type { LoadedResult } from './readResult';
import type { MigrationResult, ResultData } from './resultSchema';

export interface IngestChange {
  file: string;
  description: string;
}

export interface FileProblem {
  file: string;
  problem: Problem;
}

export interface RedirectInventory {
  side: Side;
  geography: string;
  createdAt: string;
  includesPersonalSites: boolean;
  urls: string[];
  file: string;
}

/** The newest "no target OneDrive yet" check per target geography. */
export interface TargetOneDriveCheck {
  geography: string;
  createdAt: string;
  checkedUsers: number;
  conflicts: number;
}

export interface IngestOutcome {
  plan: Plan;
  changes: IngestChange[];
  problems: FileProblem[];
  /** The newest redirect-site inventory per side and geography (kept in result files, not in the plan). */
  redirectInventories: RedirectInventory[];
  targetOneDriveChecks: TargetOneDriveCheck[];
}

export interface IngestOptions {
  /** The reader's clock: a result that claims to come from later than now (plus clock skew) is refused. Omit to skip the check. */
  now?: Date;
}

/** How far another machine's clock may be ahead of ours. */
export const CLOCK_SKEW_MS = 60 * 60_000;

export function ingestResults(original: Plan, loaded: readonly LoadedResult[], options: IngestOptions = {}): IngestOutcome {
  const plan = structuredClone(original);
  const changes: IngestChange[] = [];
  const problems: FileProblem[] = [];
  const inventories = new Map<string, RedirectInventory>();
  const oneDriveChecks = new Map<string, TargetOneDriveCheck>();
  const valid: Array<{ file: string; text: string; result: MigrationResult }> = [];
  for (const l of loaded) {
    for (const p of l.problems) problems.push({ file: l.file, problem: p });
    if (!l.result) continue;
    const latest = options.now ? futureTime(l.result, options.now) : undefined;
    if (latest) {
      problems.push({
        file: l.file,
        problem: problem(
          'error',
          'results.future',
          latest.path,
          `'${latest.text}' is later than now (${options.now!.toISOString()}): a result cannot come from the future.`,
          'Check the clock of the machine that ran the script, then run it again. The file was not applied.',
        ),
      });
      continue;
    }
    valid.push({ file: l.file, text: l.text, result: l.result });
  }
  valid.sort((a, b) => a.result.createdAt.localeCompare(b.result.createdAt));

  for (const { file, result } of valid) {
    const ctx = new FoldContext(plan, file, result, changes, problems);
    const geo = ctx.checkOrigin();
    if (!geo) continue;
    switch (result.kind) {
      case 'hostUrl':
        ctx.hostUrl(geo, result.data);
        break;
      case 'trustRequest':
        for (const [i, p] of result.data.pairs.entries()) {
          if (!p.ok) ctx.note(['data', 'pairs', i], `Trust request to ${p.partnerGeography} failed: ${p.error ?? 'no error text'}`);
          else ctx.updateDirection(i, p, 'requestedAt', p.requestedAt);
        }
        break;
      case 'trustVerification':
        for (const [i, p] of result.data.pairs.entries()) {
          if (p.result === 'Unknown')
            ctx.note(
              ['data', 'pairs', i, 'result'],
              p.error
                ? `The verification of ${p.partnerGeography} failed: ${p.error}`
                : `The verification of ${p.partnerGeography} returned no known state: ${p.raw ?? ''}`,
            );
          else ctx.updateDirection(i, p, 'lastVerifiedAt', p.verifiedAt, { lastResult: p.result as TrustVerificationResult });
        }
        break;
      case 'trustRemoval':
        for (const [i, p] of result.data.pairs.entries()) {
          if (!p.ok) ctx.note(['data', 'pairs', i], `Trust removal with ${p.partnerGeography} failed: ${p.error ?? 'no error text'}`);
          else ctx.updateDirection(i, p, 'removedAt', p.removedAt);
        }
        break;
      case 'compatibility':
        ctx.compatibility(result.data);
        break;
      case 'queuedMoves':
        ctx.queuedMoves(result.data);
        break;
      case 'moveState':
        ctx.moveStates(result.data);
        break;
      case 'moveStop':
        for (const e of result.data.entries) {
          if (e.ok) ctx.setMove(e.source, e.at, { state: 'Stopped' });
          else ctx.note([], `Could not stop the move of ${e.source}: ${e.error ?? ''}`);
        }
        break;
      case 'redirectSites': {
        const key = `${result.side}:${result.geography}`;
        inventories.set(key, {
          side: result.side,
          geography: result.geography,
          createdAt: result.createdAt,
          includesPersonalSites: result.data.includesPersonalSites,
          urls: ctx.siteUrls(
            geo,
            result.data.sites.map((s) => s.url),
            ['data', 'sites'],
          ),
          file,
        });
        break;
      }
      case 'redirectRemoval':
        ctx.redirectRemoval(result.data);
        break;
      case 'identityMapUpload':
        ctx.identityMapUpload(result.data);
        break;
      case 'precreation':
        ctx.precreation(result.data);
        break;
      case 'targetOneDriveCheck':
        oneDriveChecks.set(result.geography, {
          geography: result.geography,
          createdAt: result.createdAt,
          checkedUsers: result.data.checkedUsers,
          conflicts: result.data.conflicts.length,
        });
        for (const [i, c] of result.data.conflicts.entries()) {
          ctx.note(
            ['data', 'conflicts', i],
            `${c.target} already has a OneDrive on the target (${c.url}); the move will fail with MnASiteMoveTargetUrlHasWriteConflict.`,
          );
        }
        break;
      case 'migrateBackCheck':
        for (const [i, e] of result.data.entries.entries()) {
          if (e.conflict)
            ctx.note(
              ['data', 'entries', i],
              `Redirect site ${e.redirectUrl ?? ''} blocks moving ${e.source} back: add it to postMigration.redirectSitesToRemove and remove it first.`,
            );
        }
        break;
    }
  }
  return { plan, changes, problems, redirectInventories: [...inventories.values()], targetOneDriveChecks: [...oneDriveChecks.values()] };
}

type PairData = { partnerGeography: string; partnerHostUrl: string };

/** Whether two move records hold the same fields with the same values. */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (typeof a[k] === 'object' ? JSON.stringify(a[k]) === JSON.stringify(b[k]) : a[k] === b[k]));
}

/** The fields that record when the script did something (a cmdlet's own time stamps, e.g. timeStamp, may be anything). */
const TIME_FIELDS = new Set(['createdAt', 'at', 'requestedAt', 'verifiedAt', 'removedAt', 'checkedAt']);

/** One line of engine or cmdlet text, as the plan keeps it: no control characters, no runs of spaces, at most 2,000 characters. */
function engineText(text: string): string {
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g, ' ').trim();
  return flat.length > 2000 ? `${flat.slice(0, 1999)}…` : flat;
}

/** The latest time of a result when it is later than now (plus clock skew): such a time would win over every genuine later result (files are applied by time). */
export function futureTime(result: MigrationResult, now: Date): { ms: number; text: string; path: JsonPath } | undefined {
  const latest = latestTime(result);
  return latest && latest.ms > now.getTime() + CLOCK_SKEW_MS ? latest : undefined;
}

/** The results that are applied: readable, valid, and not from the future. */
export function applicableResults(loaded: readonly LoadedResult[], now: Date): Array<{ file: string; result: MigrationResult }> {
  return loaded.flatMap((l) => (l.result && !futureTime(l.result, now) ? [{ file: l.file, result: l.result }] : []));
}

/** The latest time anywhere in a result (every time field is a UTC string the schema checked), with its path. */
function latestTime(result: MigrationResult): { ms: number; text: string; path: JsonPath } | undefined {
  let best: { ms: number; text: string; path: JsonPath } | undefined;
  // One path stack, copied only when a later time is found: results hold tens of thousands of entries.
  const stack: Array<string | number> = [];
  const visit = (value: unknown, key: string, depth: number) => {
    if (depth > 6) return;
    if (typeof value === 'string') {
      if (!TIME_FIELDS.has(key)) return;
      const ms = parseUtcTime(value);
      if (ms !== undefined && (!best || ms > best.ms)) best = { ms, text: value, path: [...stack] };
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        stack.push(i);
        visit(value[i], key, depth + 1);
        stack.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const k in value as Record<string, unknown>) {
        stack.push(k);
        visit((value as Record<string, unknown>)[k], k, depth + 1);
        stack.pop();
      }
    }
  };
  stack.push('createdAt');
  visit(result.createdAt, 'createdAt', 0);
  stack.pop();
  stack.push('data');
  visit(result.data, 'data', 0);
  return best;
}

/** State and helpers for folding one result file. */
class FoldContext {
  constructor(
    private readonly plan: Plan,
    private readonly file: string,
    private readonly result: MigrationResult,
    private readonly changes: IngestChange[],
    private readonly problems: FileProblem[],
  ) {}

  private get side(): Side {
    return this.result.side;
  }
  private get partnerSide(): Side {
    return this.side === 'source' ? 'target' : 'source';
  }

  change(description: string): void {
    this.changes.push({ file: this.file, description });
  }
  conflict(path: JsonPath, message: string, hint?: string): void {
    this.problems.push({
      file: this.file,
      problem: problem(
        'warning',
        'results.conflict',
        path,
        message,
        hint ?? 'The plan was not changed. Edit the plan if the result is right.',
      ),
    });
  }
  note(path: JsonPath, message: string): void {
    this.problems.push({ file: this.file, problem: problem('info', 'results.note', path, message) });
  }

  /** The result must come from a tenant and geography of the plan, through its admin URL. */
  checkOrigin(): Geography | undefined {
    const tenant = this.plan[this.side];
    if (this.result.tenant.toLowerCase() !== tenant.name.toLowerCase()) {
      this.conflict(
        ['tenant'],
        `This result comes from tenant '${this.result.tenant}', but the plan's ${this.side} tenant is '${tenant.name}'.`,
        'Check that the file belongs to this migration.',
      );
      return undefined;
    }
    const geo = findGeography(this.plan, this.side, this.result.geography);
    if (!geo) {
      this.conflict(
        ['geography'],
        `The plan has no ${this.side} geography '${this.result.geography}'.`,
        'Add the geography to the plan, then import the file again.',
      );
      return undefined;
    }
    const mine = normalizeAdminUrl(geo.adminUrl);
    const theirs = normalizeAdminUrl(this.result.adminUrl);
    if (!theirs.ok) {
      this.conflict(
        ['adminUrl'],
        `The result's admin URL '${this.result.adminUrl}' is not a SharePoint admin URL: ${theirs.error}`,
        'Results are written by the generated scripts, which record the admin URL they connected to.',
      );
      return undefined;
    }
    if (!mine.ok || mine.value !== theirs.value) {
      this.conflict(
        ['adminUrl'],
        `The script connected to ${theirs.value}, but the plan's ${this.side} ${geo.code} admin URL is ${mine.ok ? mine.value : geo.adminUrl}.`,
      );
      return undefined;
    }
    return geo;
  }

  hostUrl(geo: Geography, data: ResultData<'hostUrl'>): void {
    const found = normalizeHostUrl(data.hostUrl);
    if (!found.ok) {
      this.conflict(['data', 'hostUrl'], `Host URL '${data.hostUrl}' is not usable: ${found.error}`);
      return;
    }
    const current = hostUrlOf(geo);
    if (!current) {
      geo.hostUrl = found.value;
      this.change(`${this.side} ${geo.code}: host URL set to ${found.value}`);
    } else if (current !== found.value) {
      this.conflict(['data', 'hostUrl'], `Host URL ${found.value} differs from the plan's ${this.side} ${geo.code} host URL ${current}.`);
    }
  }

  /** The partner geography a result names, when it is the plan's and the host URL used is that geography's. */
  private partnerOf(path: JsonPath, data: PairData): Geography | undefined {
    const partnerGeo = findGeography(this.plan, this.partnerSide, data.partnerGeography);
    if (!partnerGeo) {
      this.conflict([...path, 'partnerGeography'], `The plan has no ${this.partnerSide} geography '${data.partnerGeography}'.`);
      return undefined;
    }
    const expected = hostUrlOf(partnerGeo);
    const actual = normalizeHostUrl(data.partnerHostUrl);
    if (!actual.ok || (expected && actual.value !== expected)) {
      this.conflict(
        [...path, 'partnerHostUrl'],
        `The command used partner host URL ${data.partnerHostUrl}, but the plan's ${this.partnerSide} ${partnerGeo.code} host URL is ${expected ?? 'not known yet'}.`,
      );
      return undefined;
    }
    return partnerGeo;
  }

  private pairFor(index: number, data: PairData): TrustPair | undefined {
    const partnerGeo = this.partnerOf(['data', 'pairs', index], data);
    if (!partnerGeo) return undefined;
    const [sourceGeography, targetGeography] =
      this.side === 'source' ? [this.result.geography, partnerGeo.code] : [partnerGeo.code, this.result.geography];
    const trusts = (this.plan.trusts ??= []);
    let pair = trusts.find((t) => t.sourceGeography === sourceGeography && t.targetGeography === targetGeography);
    if (!pair) {
      pair = { sourceGeography, targetGeography };
      trusts.push(pair);
      this.change(`trust ${sourceGeography} → ${targetGeography} added to the plan`);
    }
    return pair;
  }

  updateDirection(
    index: number,
    data: PairData,
    field: 'requestedAt' | 'lastVerifiedAt' | 'removedAt',
    at: string,
    extra: Partial<TrustDirection> = {},
  ): void {
    const pair = this.pairFor(index, data);
    if (!pair) return;
    const direction: TrustDirection = (pair[this.side] ??= {});
    const previous = direction[field];
    if (previous && Date.parse(previous) >= Date.parse(at)) return; // an older result: the plan knows better
    direction[field] = at;
    Object.assign(direction, extra);
    if (field === 'requestedAt' && direction.removedAt && Date.parse(direction.removedAt) < Date.parse(at)) delete direction.removedAt;
    const label = `trust ${pair.sourceGeography} → ${pair.targetGeography}, ${this.side} side`;
    if (field === 'requestedAt') this.change(`${label}: requested at ${at}`);
    else if (field === 'removedAt') this.change(`${label}: removed at ${at}`);
    else this.change(`${label}: verified ${extra.lastResult} at ${at}`);
  }

  compatibility(data: ResultData<'compatibility'>): void {
    if (this.side !== 'source') {
      this.conflict(['side'], 'Compatibility is checked on the source; this result says it ran on the target.');
      return;
    }
    for (const [i, p] of data.pairs.entries()) {
      if (p.status === 'Unknown') {
        this.note(['data', 'pairs', i, 'status'], `Compatibility with ${p.partnerGeography} returned no known status: ${p.raw ?? ''}`);
        continue;
      }
      const pair = this.pairFor(i, p);
      if (!pair) continue;
      if (pair.compatibility && Date.parse(pair.compatibility.checkedAt) >= Date.parse(p.checkedAt)) continue;
      pair.compatibility = { status: p.status as CompatibilityStatus, checkedAt: p.checkedAt };
      this.change(`compatibility ${pair.sourceGeography} → ${pair.targetGeography}: ${p.status} at ${p.checkedAt}`);
    }
  }

  /** Applies a move update when it is newer than what the plan has. */
  setMove(source: string, at: string, update: Partial<MoveRecord>): boolean {
    const moves = (this.plan.moves ??= {});
    const key = upnKey(source);
    const current = moves[key];
    if (current && Date.parse(current.updatedAt) > Date.parse(at)) return false;
    if (update.state !== undefined && !replacesState(current?.state, update.state)) return false;
    // Text from another machine's cmdlets goes into the hand-edited plan: one clean line (the plan refuses control characters).
    // Built key by key (no `delete`: it turns 20,000 records into slow dictionary objects); undefined clears a field.
    // The record keeps its keys' order, so a report that changes nothing leaves the plan's text as it is.
    const next: Record<string, unknown> = {};
    const base = (current ?? { state: 'NotStarted', updatedAt: at }) as Record<string, unknown>;
    const changes = update as Record<string, unknown>;
    const clean = (v: unknown) => (typeof v === 'string' ? engineText(v) : v);
    for (const k in base) {
      const v = k in changes ? changes[k] : base[k];
      if (v !== undefined) next[k] = k in changes ? clean(v) : v;
    }
    for (const k in changes) if (!(k in base) && changes[k] !== undefined) next[k] = clean(changes[k]);
    next.updatedAt = at;
    if (current && sameRecord(current as unknown as Record<string, unknown>, next)) return false;
    moves[key] = next as unknown as MoveRecord;
    return true;
  }

  queuedMoves(data: ResultData<'queuedMoves'>): void {
    if (this.side !== 'source') {
      this.conflict(['side'], 'Moves are queued on the source; this result says it ran on the target.');
      return;
    }
    if (!this.partnerOf(['data'], data)) return;
    if (data.refused) {
      this.note(['data', 'refused'], `Batch '${data.batch}' was not queued: ${data.refused}`);
      return;
    }
    let queued = 0;
    let validated = 0;
    let failed = 0;
    const geos = this.side === 'source' ? { sourceGeography: this.result.geography, targetGeography: data.partnerGeography } : {};
    for (const e of data.entries) {
      if (e.status === 'queued') {
        if (
          this.setMove(e.source, e.at, {
            state: 'Queued',
            queuedAt: e.at,
            targetUser: e.target,
            error: undefined,
            errorCode: undefined,
            ...geos,
          })
        )
          queued++;
      } else if (e.status === 'validated' || (data.validationOnly && e.status === 'failed')) {
        const moves = (this.plan.moves ??= {});
        const key = upnKey(e.source);
        const validation =
          e.status === 'validated' ? { at: e.at, passed: true } : { at: e.at, passed: false, error: engineText(e.error ?? '') };
        moves[key] = { ...(moves[key] ?? { state: 'NotStarted', updatedAt: e.at, targetUser: e.target, ...geos }), validation };
        validated++;
      } else if (e.status === 'failed') {
        const code = e.error ? findErrorCode(e.error) : undefined;
        if (
          this.setMove(e.source, e.at, {
            state: 'QueueFailed',
            targetUser: e.target,
            error: e.error ?? undefined,
            errorCode: code,
            ...geos,
          })
        )
          failed++;
      }
    }
    this.change(`batch '${data.batch}': ${queued} queued, ${validated} validated, ${failed} failed to queue`);
  }

  moveStates(data: ResultData<'moveState'>): void {
    let updated = 0;
    let unnamed = 0;
    let foreign = 0;
    const bySite = sourceUsersBySiteUrl(this.plan);
    // Every entry names its partner host: normalise each distinct one once.
    const partners = new Map<string, Geography | undefined>();
    for (const e of bestEntryPerMove(data.entries)) {
      const source = moveEntrySource(e, bySite);
      if (!source) {
        unnamed++;
        continue;
      }
      let partnerGeo = partners.get(e.partnerHostUrl);
      if (partnerGeo === undefined && !partners.has(e.partnerHostUrl)) {
        const host = normalizeHostUrl(e.partnerHostUrl);
        partnerGeo = host.ok ? this.plan[this.partnerSide].geographies.find((g) => hostUrlOf(g) === host.value) : undefined;
        partners.set(e.partnerHostUrl, partnerGeo);
      }
      if (!partnerGeo) {
        foreign++;
        continue;
      }
      const geos =
        this.side === 'source'
          ? { sourceGeography: this.result.geography, targetGeography: partnerGeo?.code }
          : { sourceGeography: partnerGeo?.code, targetGeography: this.result.geography };
      const error = e.error ?? undefined;
      const ok = this.setMove(source, this.result.createdAt, {
        state: e.state ?? 'Unknown',
        targetUser: e.targetUserPrincipalName ?? undefined,
        sourceSiteUrl: e.sourceSiteUrl ?? undefined,
        targetSiteUrl: e.targetSiteUrl ?? undefined,
        error,
        errorCode: error ? findErrorCode(error) : undefined,
        ...geos,
      });
      if (ok) updated++;
    }
    this.change(`${this.side} ${this.result.geography}: ${counted(updated, 'move state')} updated`);
    if (foreign)
      this.conflict(
        ['data', 'entries'],
        `${counted(foreign, 'move')} ${foreign === 1 ? 'names' : 'name'} a partner host URL that is not one of the plan's ${this.partnerSide} geographies; they were not applied.`,
      );
    if (unnamed)
      this.note(
        ['data', 'entries'],
        `${counted(unnamed, 'move')} had no source UPN in the cmdlet output and no OneDrive URL of a batch user, and were skipped (run the export with -Verbose to see the property names).`,
      );
  }

  /** The URLs that are https sites of this geography; the others are reported, never kept. */
  siteUrls(geo: Geography, urls: readonly string[], path: JsonPath): string[] {
    const kept: string[] = [];
    const refused: string[] = [];
    for (const url of urls) {
      const safe = siteUrlOfGeography(url, geo.adminUrl);
      if (safe) kept.push(safe);
      else refused.push(url);
    }
    if (refused.length) {
      const shown = JSON.stringify(refused[0]).slice(0, 120);
      this.conflict(
        path,
        `${counted(refused.length, 'site URL')} ${refused.length === 1 ? 'is' : 'are'} not https sites of ${this.side} ${geo.code} (${hostsOfAdminUrl(geo.adminUrl).join(', ')}), e.g. ${shown}; they were left out.`,
      );
    }
    return kept;
  }

  redirectRemoval(data: ResultData<'redirectRemoval'>): void {
    const list = this.plan.postMigration?.redirectSitesToRemove;
    for (const [i, e] of data.entries.entries()) {
      if (!e.ok) {
        this.note(['data', 'entries', i], `Redirect site ${e.url} was not removed: ${e.error ?? ''}`);
        continue;
      }
      const at =
        list?.findIndex((u) => u.trim().toLowerCase().replace(/\/+$/, '') === e.url.trim().toLowerCase().replace(/\/+$/, '')) ?? -1;
      if (list && at >= 0) {
        list.splice(at, 1);
        this.change(`redirect site ${e.url} removed (taken off the removal list)`);
      }
    }
  }

  identityMapUpload(data: ResultData<'identityMapUpload'>): void {
    if (this.side !== 'target') {
      this.conflict(['side'], 'The identity map is uploaded on the target; this result says it ran on the source.');
      return;
    }
    const uploads = (this.plan.identityMapUploads ??= {});
    const previous = uploads[this.result.geography];
    if (!previous || Date.parse(previous.uploadedAt) < Date.parse(this.result.createdAt)) {
      // The snapshot is read from the results folder later: only a plain file name, never a path elsewhere.
      const snapshot = data.snapshot && isPlainFileName(data.snapshot) ? data.snapshot : undefined;
      if (data.snapshot && !snapshot)
        this.conflict(
          ['data', 'snapshot'],
          `The snapshot name ${JSON.stringify(data.snapshot).slice(0, 120)} is not a plain file name in the results folder; it was not recorded.`,
        );
      uploads[this.result.geography] = {
        uploadedAt: this.result.createdAt,
        sha256: data.sha256,
        rows: data.rows,
        ...(snapshot ? { snapshot } : {}),
      };
      this.change(`target ${this.result.geography}: identity map uploaded (${data.rows} rows) at ${this.result.createdAt}`);
    }
    for (const [i, c] of data.spotChecks.entries()) {
      if (!c.found) this.note(['data', 'spotChecks', i], `Spot check: ${c.kind} ${c.key} was not found in the uploaded map.`);
    }
  }

  precreation(data: ResultData<'precreation'>): void {
    for (const [i, u] of data.users.entries()) {
      if (u.status === 'failed' || (u.status === 'invited' && u.error))
        this.note(['data', 'users', i], `${u.target}: ${u.status}${u.error ? ` (${u.error})` : ''}`);
      if (u.status === 'skipped') this.note(['data', 'users', i], `${u.target} does not exist in the target yet.`);
    }
    for (const [i, g] of data.groups.entries()) {
      if (g.status === 'created')
        this.note(
          ['data', 'groups', i],
          `Group ${g.source} was created in the target as ${g.objectId ?? '?'}: update the identity map (it says ${g.mappedTarget}) and upload it again.`,
        );
      else if (g.status !== 'exists')
        this.note(['data', 'groups', i], `Group ${g.source} → ${g.mappedTarget}: ${g.status}${g.error ? ` (${g.error})` : ''}`);
    }
    const created = data.users.filter((u) => u.status === 'created' || u.status === 'invited').length;
    this.change(
      `pre-creation: ${counted(created, 'user')} created or invited, ${data.users.filter((u) => u.status === 'exists').length} already existed`,
    );
  }
}
