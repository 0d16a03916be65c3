/**
 * Turns cmdlet output pasted from a console into a result, so it goes through the same
 * ingestion (and conflict reporting) as a result file: Get-SPOCrossTenantHostUrl output, a
 * verification result, or Get-SPOCrossTenantUserContentMoveState output (table or list format).
 */
import { TRUST_VERIFICATION_RESULTS, type Side, type TrustVerificationResult } from '../plan/planSchema';
import { extractHostUrls } from '../tenancy/tenantUrls';
import { RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION, type MigrationResult, type ResultData } from './resultSchema';

export function parseTrustState(text: string): TrustVerificationResult | undefined {
  return TRUST_VERIFICATION_RESULTS.find((s) => new RegExp(`\\b${s}\\b`).test(text));
}

type MoveEntry = ResultData<'moveState'>['entries'][number];

const ALIASES: Record<keyof Omit<MoveEntry, 'partnerHostUrl'>, string[]> = {
  sourceUserPrincipalName: ['SourceUserPrincipalName', 'SourceUserUpn', 'UserPrincipalName', 'SourceUser'],
  targetUserPrincipalName: ['TargetUserPrincipalName', 'TargetUserUpn', 'TargetUser'],
  state: ['MoveState', 'State', 'Status'],
  moveJobId: ['MoveJobId', 'JobId', 'SiteMoveId'],
  sourceSiteUrl: ['SourceSiteUrl', 'SourceUrl'],
  targetSiteUrl: ['TargetSiteUrl', 'TargetUrl'],
  timeStamp: ['TimeStamp', 'LastModified', 'StartTime'],
  error: ['ErrorMessage', 'Error', 'ErrorDescription', 'FailureReason'],
};

function toEntry(record: Map<string, string>, partnerHostUrl: string): MoveEntry {
  const entry = { partnerHostUrl } as MoveEntry;
  for (const [field, names] of Object.entries(ALIASES) as [keyof typeof ALIASES, string[]][]) {
    const key = names.map((n) => n.toLowerCase()).find((n) => record.get(n));
    entry[field] = key ? record.get(key)! : null;
  }
  return entry;
}

/** Format-List blocks ("Name : value", blank line between objects). */
function parseList(lines: string[]): Map<string, string>[] {
  const records: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of lines) {
    const m = /^(\w+)\s*:\s?(.*)$/.exec(line);
    if (m) {
      current.set((lastKey = m[1]!.toLowerCase()), m[2]!.trim());
    } else if (line.trim() === '') {
      if (current.size) records.push(current);
      current = new Map();
      lastKey = undefined;
    } else if (lastKey && /^\s+\S/.test(line)) {
      current.set(lastKey, `${current.get(lastKey)} ${line.trim()}`); // wrapped value
    }
  }
  if (current.size) records.push(current);
  return records;
}

/** Format-Table output: a header, a dashes line giving the column widths, then rows. */
function parseTable(lines: string[]): Map<string, string>[] | undefined {
  const dashIndex = lines.findIndex((l) => /^\s*-{2,}(\s+-{2,})*\s*$/.test(l));
  if (dashIndex < 1) return undefined;
  const header = lines[dashIndex - 1]!;
  const columns = [...lines[dashIndex]!.matchAll(/-+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const names = columns.map((c, i) =>
    header
      .slice(c.start, i + 1 < columns.length ? columns[i + 1]!.start : undefined)
      .trim()
      .toLowerCase(),
  );
  return lines
    .slice(dashIndex + 1)
    .filter((l) => l.trim() !== '')
    .map(
      (l) =>
        new Map(
          columns.map(
            (c, i) => [names[i]!, l.slice(c.start, i + 1 < columns.length ? columns[i + 1]!.start : undefined).trim()] as [string, string],
          ),
        ),
    );
}

export function parseMoveStates(text: string, partnerHostUrl: string): MoveEntry[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const records = parseTable(lines) ?? parseList(lines);
  return records.map((r) => toEntry(r, partnerHostUrl)).filter((e) => e.sourceUserPrincipalName || e.state);
}

export interface PasteContext {
  side: Side;
  tenant: string;
  geography: string;
  adminUrl: string;
  now: Date;
}

function envelope(ctx: PasteContext) {
  return {
    schema: RESULT_SCHEMA_ID,
    version: RESULT_SCHEMA_VERSION,
    side: ctx.side,
    tenant: ctx.tenant,
    geography: ctx.geography,
    adminUrl: ctx.adminUrl,
    createdAt: ctx.now.toISOString(),
  } as const;
}

export type PasteOutcome = { ok: true; result: MigrationResult; summary: string } | { ok: false; error: string };

export function pastedHostUrl(text: string, ctx: PasteContext): PasteOutcome {
  const [hostUrl, ...others] = extractHostUrls(text).filter((u) => u.includes('-my.'));
  if (!hostUrl) return { ok: false, error: 'No cross-tenant host URL (https://<name>-my.sharepoint.com) found in the pasted text.' };
  if (others.length)
    return {
      ok: false,
      error: `Several host URLs in the pasted text (${[hostUrl, ...others].join(', ')}): paste the output of one geography.`,
    };
  return { ok: true, result: { ...envelope(ctx), kind: 'hostUrl', data: { hostUrl, raw: text.trim() } }, summary: hostUrl };
}

export function pastedVerification(text: string, ctx: PasteContext, partner: { geography: string; hostUrl: string }): PasteOutcome {
  const state = parseTrustState(text);
  if (!state) return { ok: false, error: `No verification state found; expected one of ${TRUST_VERIFICATION_RESULTS.join(', ')}.` };
  const verifiedAt = ctx.now.toISOString();
  return {
    ok: true,
    result: {
      ...envelope(ctx),
      kind: 'trustVerification',
      data: {
        pairs: [{ partnerGeography: partner.geography, partnerHostUrl: partner.hostUrl, result: state, verifiedAt, raw: text.trim() }],
      },
    },
    summary: state,
  };
}

export function pastedMoveStates(text: string, ctx: PasteContext, partnerHostUrl: string): PasteOutcome {
  const entries = parseMoveStates(text, partnerHostUrl);
  if (!entries.length)
    return { ok: false, error: 'No moves found: paste the output of Get-SPOCrossTenantUserContentMoveState (table or list format).' };
  return {
    ok: true,
    result: { ...envelope(ctx), kind: 'moveState', data: { entries } },
    summary: `${entries.length} move state${entries.length === 1 ? '' : 's'}`,
  };
}
