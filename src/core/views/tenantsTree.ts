/**
 * The Tenants tree as data: plan state (+ redirect inventories from result files) → nodes with
 * stable ids, labels, descriptions, Markdown tooltips, codicon ids, theme colours, context values
 * and accessibility labels. The VS Code tree provider only maps these to TreeItems.
 *
 *   tenant (source / target)
 *     geography (code, admin URL, host URL; default marked)
 *       trust (one per geography pair in use, both directions' state)
 *       batches (source geographies with batches; the queue's used slots)
 *         batch (progress, window, failures)
 *       redirect sites (N)
 *         redirect site
 */
import { describeBatchProgress, batchProgress } from '../plan/batchProgress';
import { geographyPairs, hostUrlOf } from '../plan/planQueries';
import type { Batch, Geography, Plan, Side, TrustPair } from '../plan/planSchema';
import { failedUsersOf } from '../moves/retryBatch';
import { queueUse } from '../moves/trackingModel';
import type { RedirectInventory } from '../results/ingestResults';
import { SINGLE_GEO_CODE, geographyLabel } from '../tenancy/geographies';
import { describeDirection, formatDuration, pairStatus, type TrustDirectionStatus, type TrustPairStatus } from '../trust/trustState';
import { timeInWords, type TimeFormatter } from '../text/relativeTime';
import { utcShort } from '../text/utcShort';

export type TreeNodeKind = 'tenant' | 'account' | 'geography' | 'trust' | 'batchFolder' | 'batch' | 'redirectFolder' | 'redirectSite';

export interface TreeNodeModel {
  /** Stable across refreshes, unique in the tree (VS Code keeps expansion and selection by id). */
  id: string;
  kind: TreeNodeKind;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip: string;
  icon: { id: string; color?: string };
  /** Matched by menus, e.g. `viewItem =~ /^trust:.*:removable/`. */
  contextValue: string;
  collapsible: boolean;
  accessibilityLabel: string;
  side?: Side;
  geography?: string;
  pair?: { sourceGeography: string; targetGeography: string };
  url?: string;
  batch?: string;
}

export interface TreeInput {
  plan: Plan;
  redirectInventories: readonly RedirectInventory[];
  now: Date;
  /** Absolute times in tooltips (the VS Code layer gives the user's time zone); UTC by default. */
  formatTime?: TimeFormatter;
  /** Live mode's sign-ins, when live mode is set up (a client ID is set): an account node under each tenant. */
  accounts?: Partial<Record<Side, { username: string; tenantId: string; audiences?: string[] } | undefined>>;
}

const sideTitle = (side: Side) => (side === 'source' ? 'Source' : 'Target');

export function rootNodes(input: TreeInput): TreeNodeModel[] {
  return (['source', 'target'] as const).map((side) => tenantNode(input, side));
}

export function childrenOf(input: TreeInput, node: TreeNodeModel): TreeNodeModel[] {
  switch (node.kind) {
    case 'tenant': {
      const geographies = input.plan[node.side!].geographies.map((g) => geographyNode(input, node.side!, g));
      return input.accounts ? [...geographies, accountNode(input, node.side!)] : geographies;
    }
    case 'geography': {
      const geo = input.plan[node.side!].geographies.find((g) => g.code === node.geography);
      if (!geo) return [];
      const trusts = geographyPairs(input.plan)
        .filter((p) => (node.side === 'source' ? p.sourceGeography : p.targetGeography) === geo.code)
        .map((p) => trustNode(input, node.side!, p.trust ?? { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }));
      const batches = node.side === 'source' && (input.plan.batches ?? []).some((b) => b.sourceGeography === geo.code);
      const inventory = inventoryOf(input, node.side!, geo.code);
      return [
        ...trusts,
        ...(batches ? [batchFolderNode(input, geo.code)] : []),
        ...(inventory ? [redirectFolderNode(node.side!, geo.code, inventory)] : []),
      ];
    }
    case 'batchFolder':
      return (input.plan.batches ?? []).filter((b) => b.sourceGeography === node.geography).map((b) => batchNode(input, b));
    case 'redirectFolder': {
      const inventory = inventoryOf(input, node.side!, node.geography!);
      return inventory ? inventory.urls.map((url) => redirectSiteNode(node.side!, node.geography!, url, inventory)) : [];
    }
    default:
      return [];
  }
}

function inventoryOf(input: TreeInput, side: Side, geography: string): RedirectInventory | undefined {
  return input.redirectInventories.find((i) => i.side === side && i.geography === geography);
}

function tenantNode(input: TreeInput, side: Side): TreeNodeModel {
  const t = input.plan[side];
  const redirects = input.redirectInventories.filter((i) => i.side === side).reduce((n, i) => n + i.urls.length, 0);
  const geos = t.geographies.length;
  const parts = [
    sideTitle(side),
    t.tenantId ? `tenant ID ${t.tenantId}` : 'tenant ID not set',
    `${geos} geograph${geos === 1 ? 'y' : 'ies'}`,
  ];
  if (redirects) parts.push(`${redirects.toLocaleString('en-US')} redirect site${redirects === 1 ? '' : 's'}`);
  const label = t.displayName ? `${t.displayName} (${t.name})` : t.name;
  return {
    id: `tenant:${side}`,
    kind: 'tenant',
    label,
    description: parts.slice(0, 2).join(' · '),
    tooltip: `**${sideTitle(side)} tenant ${label}**\n\n${parts
      .slice(1)
      .map((p) => `- ${p}`)
      .join('\n')}`,
    icon: { id: side === 'source' ? 'cloud-upload' : 'cloud-download' },
    contextValue: `tenant:${side}`,
    collapsible: true,
    accessibilityLabel: `${sideTitle(side)} tenant ${label}, ${parts.slice(1).join(', ')}`,
    side,
  };
}

function accountNode(input: TreeInput, side: Side): TreeNodeModel {
  const account = input.accounts?.[side];
  const tenant = input.plan[side].name;
  if (!account)
    return {
      id: `account:${side}`,
      kind: 'account',
      label: 'Sign in…',
      description: 'live mode',
      tooltip: `**Not signed in to ${tenant}**\n\nSign in with an admin account of the ${side} tenant to read its directory and sites through Microsoft Graph (live mode).`,
      icon: { id: 'sign-in' },
      contextValue: 'account:signedOut',
      collapsible: false,
      accessibilityLabel: `Sign in to the ${side} tenant ${tenant}`,
      side,
    };
  return {
    id: `account:${side}`,
    kind: 'account',
    label: account.username,
    description: `signed in · ${account.tenantId}`,
    tooltip: `**Signed in to the ${side} tenant** as ${account.username}\n\n- Tenant ID: ${account.tenantId}\n- Tokens so far: ${account.audiences?.length ? account.audiences.join(', ') : 'Microsoft Graph'} (a geography's SharePoint admin host is asked for when a call needs it)\n\nSign out forgets this account's tokens.`,
    icon: { id: 'account', color: 'testing.iconPassed' },
    contextValue: 'account:signedIn',
    collapsible: false,
    accessibilityLabel: `Signed in to the ${side} tenant as ${account.username}, tenant ${account.tenantId}`,
    side,
  };
}

function geographyNode(input: TreeInput, side: Side, g: Geography): TreeNodeModel {
  const host = hostUrlOf(g);
  const isDefault = g.default === true || input.plan[side].geographies.length === 1;
  const name = g.code === SINGLE_GEO_CODE ? 'Single geography' : g.code;
  const label = isDefault && g.code !== SINGLE_GEO_CODE ? `${name} (default)` : name;
  const lines = [
    `**${geographyLabel(g.code)}**${isDefault ? ' — default geography' : ''}`,
    '',
    `- Admin URL: ${g.adminUrl}`,
    `- Cross-tenant host URL: ${host ?? '_not known yet: run step 1 on this geography and import its result_'}`,
  ];
  return {
    id: `geo:${side}:${g.code}`,
    kind: 'geography',
    label,
    // Without the scheme: the host name is what tells geographies apart at the default sidebar width.
    description: host ? host.replace(/^https:\/\//, '') : 'host URL not known yet',
    tooltip: lines.join('\n'),
    icon: { id: 'globe', ...(host ? {} : { color: 'list.warningForeground' }) },
    contextValue: `geography:${side}${host ? ':hasHost' : ''}${isDefault ? ':default' : ''}`,
    collapsible: true,
    accessibilityLabel: `${sideTitle(side)} geography ${geographyLabel(g.code)}${isDefault ? ', default' : ''}, admin URL ${g.adminUrl}, host URL ${host ?? 'not known'}`,
    side,
    geography: g.code,
  };
}

/** Overall state of a pair, for the icon and the context value. */
export function pairKind(s: TrustPairStatus): 'usable' | 'removed' | 'problem' | 'dormant' | 'pending' | 'notRequested' {
  const kinds = [s.source.kind, s.target.kind];
  if (s.usable) return 'usable';
  if (kinds.every((k) => k === 'removed')) return 'removed';
  if (kinds.includes('couldNotContactPartner')) return 'problem';
  if (kinds.includes('dormant')) return 'dormant';
  if (kinds.every((k) => k === 'notRequested')) return 'notRequested';
  return 'pending';
}

const PAIR_ICONS: Record<ReturnType<typeof pairKind>, { id: string; color?: string }> = {
  usable: { id: 'pass-filled', color: 'testing.iconPassed' },
  removed: { id: 'circle-slash', color: 'disabledForeground' },
  problem: { id: 'error', color: 'list.errorForeground' },
  dormant: { id: 'watch', color: 'list.warningForeground' },
  pending: { id: 'arrow-swap', color: 'list.warningForeground' },
  notRequested: { id: 'circle-large-outline' },
};

function directionLine(side: Side, s: TrustDirectionStatus): string {
  return `${sideTitle(side)}: ${describeDirection(s)}`;
}

/** How far a direction has come: the side that is behind is the one the pair waits for. */
const PROGRESS: Record<TrustDirectionStatus['kind'], number> = {
  notRequested: 0,
  waitingForPartner: 1,
  dormant: 2,
  readyToVerify: 3,
  couldNotContactPartner: 3,
  goodToProceed: 4,
  removed: 5,
};

/** A direction in a few words, for a row at the default sidebar width. */
function shortState(s: TrustDirectionStatus): string {
  switch (s.kind) {
    case 'notRequested':
      return 'not requested';
    case 'waitingForPartner':
      return 'requested';
    case 'dormant':
      return s.remainingMs !== undefined ? `dormant ${formatDuration(s.remainingMs)}` : 'dormant';
    case 'readyToVerify':
      return 'verify now';
    case 'couldNotContactPartner':
      return "can't reach partner";
    case 'goodToProceed':
      return 'GoodToProceed';
    case 'removed':
      return 'removed';
  }
}

/**
 * One short combined state: what both sides share, or the side the pair waits for and its state
 * ("target: verify now"). The full detail is in the tooltip.
 */
export function pairSummary(s: TrustPairStatus): { text: string; waiting?: Side } {
  if (s.usable) return { text: 'ready' };
  const a = shortState(s.source);
  const b = shortState(s.target);
  if (a === b) return { text: a };
  const problem = (['source', 'target'] as const).find((side) => s[side].kind === 'couldNotContactPartner');
  const waiting = problem ?? (PROGRESS[s.source.kind] <= PROGRESS[s.target.kind] ? 'source' : 'target');
  return { text: `${waiting}: ${shortState(s[waiting])}`, waiting };
}

function trustNode(input: TreeInput, under: Side, pair: TrustPair): TreeNodeModel {
  const s = pairStatus(pair, input.now);
  const kind = pairKind(s);
  const label = `${pair.sourceGeography} → ${pair.targetGeography}`;
  const removable = [s.source.kind, s.target.kind].some((k) => k !== 'notRequested' && k !== 'removed');
  const when = (iso: string | undefined) =>
    iso ? timeInWords(iso, input.now, input.formatTime ?? ((t) => `${utcShort(t, input.now)} UTC`)) : '—';
  const row = (side: Side, st: TrustDirectionStatus) => {
    const d = pair[side] ?? {};
    return `| ${sideTitle(side)} | ${describeDirection(st)} | ${when(d.requestedAt)} | ${d.lastVerifiedAt ? `${when(d.lastVerifiedAt)} (${d.lastResult ?? '?'})` : '—'} |`;
  };
  const dormantEnd = s.usableAt
    ? `7-day dormant period ${Date.parse(s.usableAt) > input.now.getTime() ? 'ends' : 'ended'} ${when(s.usableAt)}.`
    : 'The 7-day dormant period starts once both sides have requested the trust.';
  const tooltip = [
    `**Trust ${input.plan.source.name} ${pair.sourceGeography} → ${input.plan.target.name} ${pair.targetGeography}**`,
    '',
    '| Side | State | Requested | Last verified |',
    '| --- | --- | --- | --- |',
    row('source', s.source),
    row('target', s.target),
    '',
    dormantEnd,
    s.compatibility
      ? `Compatibility: **${s.compatibility.status}** (checked ${when(s.compatibility.checkedAt)}).`
      : 'Compatibility: not checked yet.',
  ].join('\n');
  const summary = pairSummary(s);
  // The icon says which side the pair waits for, when one does (left: source, right: target).
  const icon =
    summary.waiting && (kind === 'pending' || kind === 'notRequested')
      ? { id: summary.waiting === 'source' ? 'arrow-circle-left' : 'arrow-circle-right', color: 'list.warningForeground' }
      : PAIR_ICONS[kind];
  return {
    id: `trust:${under}:${pair.sourceGeography}>${pair.targetGeography}`,
    kind: 'trust',
    label,
    description: summary.text,
    tooltip,
    icon,
    contextValue: `trust:${kind}${removable ? ':removable' : ''}`,
    collapsible: false,
    accessibilityLabel: `Trust ${pair.sourceGeography} to ${pair.targetGeography}. ${directionLine('source', s.source)}. ${directionLine('target', s.target)}.`,
    side: under,
    pair: { sourceGeography: pair.sourceGeography, targetGeography: pair.targetGeography },
  };
}

function batchFolderNode(input: TreeInput, geography: string): TreeNodeModel {
  const batches = (input.plan.batches ?? []).filter((b) => b.sourceGeography === geography);
  const q = queueUse(input.plan).find((u) => u.sourceGeography === geography) ?? { used: 0, limit: 0 };
  const slots = `${q.used.toLocaleString('en-US')} of ${q.limit.toLocaleString('en-US')} queue slots used`;
  return {
    id: `batches:${geography}`,
    kind: 'batchFolder',
    label: 'Batches',
    description: `${batches.length} · ${slots}`,
    tooltip: `**${batches.length} batch${batches.length === 1 ? '' : 'es'} from ${geography}**\n\nThe queue of source geography ${geography}: ${slots} (every partner shares it).\n\nClick to see their moves.`,
    icon: { id: 'layers' },
    contextValue: 'batchFolder',
    collapsible: true,
    accessibilityLabel: `${batches.length} batches from source geography ${geography}, ${slots}`,
    side: 'source',
    geography,
  };
}

function batchNode(input: TreeInput, batch: Batch): TreeNodeModel {
  const p = batchProgress(input.plan, batch);
  const failed = failedUsersOf(input.plan, batch);
  const window =
    batch.preferredBeginUtc || batch.preferredEndUtc
      ? `${batch.preferredBeginUtc ? utcShort(batch.preferredBeginUtc, input.now) : 'now'} → ${batch.preferredEndUtc ? utcShort(batch.preferredEndUtc, input.now) : 'open end'} UTC`
      : 'no preferred window';
  const icon =
    p.users > 0 && p.moved === p.users
      ? { id: 'pass-filled', color: 'testing.iconPassed' }
      : p.failed
        ? { id: 'error', color: 'list.errorForeground' }
        : p.inProgress
          ? { id: 'sync' }
          : p.scheduled
            ? { id: 'watch' }
            : { id: 'circle-large-outline' };
  const progress = describeBatchProgress(p);
  const shownFailures = failed.slice(0, 5).map((u) => `- ${typeof u === 'string' ? u : u.source}`);
  return {
    id: `batch:${batch.name}`,
    kind: 'batch',
    label: batch.name,
    description: `${progress} · ${window}`,
    tooltip: [
      `**Batch ${batch.name}** (${batch.sourceGeography} → ${batch.targetGeography})`,
      '',
      `${progress}.`,
      '',
      `Preferred window: ${window}.`,
      ...(failed.length
        ? ['', `Failed (${failed.length}):`, ...shownFailures, ...(failed.length > 5 ? [`- and ${failed.length - 5} more`] : [])]
        : []),
      '',
      'Click to see its moves.',
    ].join('\n'),
    icon,
    contextValue: `batch${failed.length ? ':failed' : ''}${p.scheduled ? ':waiting' : ''}`,
    collapsible: false,
    accessibilityLabel: `Batch ${batch.name}, ${batch.sourceGeography} to ${batch.targetGeography}, ${progress}, ${window}`,
    side: 'source',
    geography: batch.sourceGeography,
    batch: batch.name,
  };
}

function redirectFolderNode(side: Side, geography: string, inventory: RedirectInventory): TreeNodeModel {
  const n = inventory.urls.length;
  return {
    id: `redirects:${side}:${geography}`,
    kind: 'redirectFolder',
    label: 'Redirect sites',
    description: `${n.toLocaleString('en-US')}`,
    tooltip: `**${n.toLocaleString('en-US')} redirect site${n === 1 ? '' : 's'}** listed ${inventory.createdAt}${inventory.includesPersonalSites ? '' : '\n\nOneDrive redirects were not included in this inventory.'}`,
    icon: { id: 'references' },
    contextValue: 'redirectFolder',
    collapsible: n > 0,
    accessibilityLabel: `${n} redirect sites in ${sideTitle(side).toLowerCase()} geography ${geography}`,
    side,
    geography,
  };
}

export function isOneDriveUrl(url: string): boolean {
  return /-my\.sharepoint\.com\/personal\//i.test(url);
}

function redirectSiteNode(side: Side, geography: string, url: string, inventory: RedirectInventory): TreeNodeModel {
  const path = url.replace(/^https:\/\/[^/]+/i, '') || '/';
  const oneDrive = isOneDriveUrl(url);
  return {
    id: `redirect:${side}:${url.toLowerCase()}`,
    kind: 'redirectSite',
    label: path,
    description: oneDrive ? 'OneDrive' : 'site',
    tooltip: `**Redirect site** (${oneDrive ? 'OneDrive' : 'SharePoint site'})\n\n${url}\n\nListed ${inventory.createdAt}. Removing it breaks old links to it.`,
    icon: { id: oneDrive ? 'person' : 'link-external' },
    contextValue: `redirectSite:${oneDrive ? 'onedrive' : 'site'}`,
    collapsible: false,
    accessibilityLabel: `Redirect ${oneDrive ? 'OneDrive' : 'site'} ${url}`,
    side,
    geography,
    url,
  };
}
