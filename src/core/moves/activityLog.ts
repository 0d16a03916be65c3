/**
 * The migration's activity log: every result file is an event (what was done, when, on which tenant
 * and geography, by which side). It answers "who did what when" for the two organisations, from the
 * result files alone.
 */
import { counted } from '../text/plural';
import type { MigrationResult } from '../results/resultSchema';
import type { ResultOnFile } from './moveHistory';

export interface ActivityEvent {
  at: string;
  file: string;
  kind: MigrationResult['kind'];
  side: 'source' | 'target';
  tenant: string;
  geography: string;
  /** One line: "Batch 'Wave 1' queued: 1,980 queued, 20 failed". */
  title: string;
  /** Whether something in it went wrong (a failed request, a refused queue, failed moves). */
  problem: boolean;
}

const list = (values: readonly string[]) => [...new Set(values)].join(', ');

/** "1,500 Success, 20 Failed": the six largest groups (states are free text from another organisation's cmdlets). */
function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item).slice(0, 40);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, 6).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`);
  if (sorted.length > 6) shown.push(`${sorted.length - 6} more`);
  return shown.join(', ');
}

/** "Trust requested with EUR, APC (1 failed)": a request or removal, one outcome per partner geography. */
function trustChange(what: string, pairs: readonly { partnerGeography: string; ok: boolean }[]): { title: string; problem: boolean } {
  const failed = pairs.filter((p) => !p.ok).length;
  return { title: `${what} with ${list(pairs.map((p) => p.partnerGeography))}${failed ? ` (${failed} failed)` : ''}`, problem: failed > 0 };
}

/** The event's one line and whether it reports a problem. */
function describe(result: MigrationResult): { title: string; problem: boolean } {
  switch (result.kind) {
    case 'hostUrl':
      return { title: `Host URL read: ${result.data.hostUrl}`, problem: false };
    case 'trustRequest':
      return trustChange('Trust requested', result.data.pairs);
    case 'trustVerification':
      return {
        title: `Trust verified: ${result.data.pairs.map((p) => `${p.partnerGeography} ${p.result}`).join(', ')}`,
        problem: result.data.pairs.some((p) => p.result !== 'GoodToProceed'),
      };
    case 'trustRemoval':
      return trustChange('Trust removed', result.data.pairs);
    case 'compatibility':
      return {
        title: `Compatibility checked: ${result.data.pairs.map((p) => `${p.partnerGeography} ${p.status}`).join(', ')}`,
        problem: result.data.pairs.some((p) => p.status !== 'Compatible'),
      };
    case 'queuedMoves': {
      const d = result.data;
      const what = d.validationOnly ? 'validated' : 'queued';
      if (d.refused) return { title: `Batch '${d.batch}' not ${what}: ${d.refused}`, problem: true };
      return {
        title: `Batch '${d.batch}' ${what} to ${d.partnerGeography}: ${countBy(d.entries, (e) => e.status) || 'no users'}${d.interrupted ? ' (the run was interrupted)' : ''}`,
        problem: d.interrupted === true || d.entries.some((e) => e.status === 'failed'),
      };
    }
    case 'moveState': {
      const e = result.data.entries;
      return {
        title: `Move states exported: ${counted(e.length, 'move')}${e.length ? ` (${countBy(e, (x) => x.state ?? 'Unknown')})` : ''}`,
        problem: e.some((x) => x.state === 'Failed' || x.state === 'NotSupported'),
      };
    }
    case 'moveStop': {
      const ok = result.data.entries.filter((e) => e.ok).length;
      const failed = result.data.entries.length - ok;
      return {
        title: `Moves stopped: ${ok.toLocaleString('en-US')}${failed ? `, ${failed.toLocaleString('en-US')} could not be stopped` : ''}`,
        problem: failed > 0,
      };
    }
    case 'redirectSites':
      return {
        title: `Redirect sites listed: ${result.data.sites.length.toLocaleString('en-US')}${result.data.includesPersonalSites ? ' (OneDrives included)' : ''}`,
        problem: false,
      };
    case 'redirectRemoval': {
      const ok = result.data.entries.filter((e) => e.ok).length;
      const failed = result.data.entries.length - ok;
      return {
        title: `Redirect sites removed: ${ok.toLocaleString('en-US')}${failed ? `, ${failed.toLocaleString('en-US')} failed` : ''}`,
        problem: failed > 0,
      };
    }
    case 'identityMapUpload':
      return {
        title: `Identity map uploaded: ${counted(result.data.rows, 'row')}${result.data.spotChecks.some((c) => !c.found) ? ', spot checks missing entries' : ''}`,
        problem: result.data.spotChecks.some((c) => !c.found),
      };
    case 'precreation': {
      const all = [...result.data.users, ...result.data.groups];
      return {
        title: `Users and groups pre-created: ${countBy(all, (x) => x.status) || 'none'}`,
        problem: all.some((x) => x.status === 'failed'),
      };
    }
    case 'targetOneDriveCheck':
      return {
        title: `Target OneDrives checked: ${counted(result.data.checkedUsers, 'user')}, ${counted(result.data.conflicts.length, 'existing OneDrive')}`,
        problem: result.data.conflicts.length > 0,
      };
    case 'migrateBackCheck': {
      const conflicts = result.data.entries.filter((e) => e.conflict).length;
      return {
        title: `Move-back check: ${counted(result.data.entries.length, 'user')}, ${counted(conflicts, 'conflict')}`,
        problem: conflicts > 0,
      };
    }
  }
}

export function activityEvent({ file, result }: ResultOnFile): ActivityEvent {
  return {
    at: result.createdAt,
    file,
    kind: result.kind,
    side: result.side,
    tenant: result.tenant,
    geography: result.geography,
    ...describe(result),
  };
}

/** Every result as an event, newest first. */
export function activityLog(results: readonly ResultOnFile[]): ActivityEvent[] {
  return results.map(activityEvent).sort((a, b) => b.at.localeCompare(a.at) || a.file.localeCompare(b.file));
}
