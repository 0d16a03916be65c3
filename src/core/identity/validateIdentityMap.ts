/**
 * Identity-map validation (domain.md §2, §7): every problem has its row, column, severity and a
 * fix hint. Rules: row type; source tenant ID (a GUID, the plan's); UPN and e-mail syntax;
 * apostrophes; user/group type values; group object IDs; one-to-one mapping; every batch user has
 * a row; guest and group rules; stray spaces. `fix` carries the replacement a quick fix applies.
 */
import { problem, type Problem } from '../json/problem';
import { batchUserSource } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { hasSingleQuote, isUserPrincipalName, upnKey } from '../plan/principalNames';
import { GROUP_TYPES, USER_TYPES } from '../powershell/cmdletCatalogue';
import { firstOccurrences } from '../text/duplicates';
import { fieldOffsets, mappingRows, type MapRow, type ParsedIdentityMap } from './identityMapFile';
import { GUID } from '../text/guid';

export interface MapProblem extends Problem {
  /** 0-based row index in the file and column (0–5), when the problem is in one cell. */
  row?: number;
  column?: number;
  /** A quick fix: the value the cell should have. */
  fix?: { title: string; value: string };
  /** A quick fix that adds rows (batch users without one: their rows, target left blank). */
  addRows?: string[][];
}

// Dot-free labels: the pattern cannot backtrack (the old [^\s@]+\.[^\s@]+ was quadratic in a long cell).
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const TYPES = { user: USER_TYPES, group: GROUP_TYPES } as const;
const TYPE_BY_LOWER = {
  user: new Map(USER_TYPES.map((t) => [t.toLowerCase(), t])),
  group: new Map(GROUP_TYPES.map((t) => [t.toLowerCase(), t])),
} as const;

export interface MapValidationOptions {
  plan?: Plan;
}

export function validateIdentityMap(parsed: ParsedIdentityMap, options: MapValidationOptions = {}): MapProblem[] {
  const out: MapProblem[] = [...parsed.problems];
  const planTenantId = options.plan?.source.tenantId?.toLowerCase();
  // One map per kind and direction, keyed by the lower-cased value: no concatenated keys per row.
  // One-to-one is checked after the loop, on all keys at once (text/duplicates: no hash maps).
  const keyed = {
    user: { rows: [] as MapRow[], sources: [] as string[], targets: [] as string[] },
    group: { rows: [] as MapRow[], sources: [] as string[], targets: [] as string[] },
  };
  let lastGoodTenant: string | undefined;
  const cell = (
    row: MapRow,
    column: number,
    severity: Problem['severity'],
    code: string,
    message: string,
    hint?: string,
    fix?: MapProblem['fix'],
  ): MapProblem => {
    const offsets = fieldOffsets(row, parsed.delimiter);
    const start = row.offset + (offsets[column] ?? 0);
    const rawLength =
      column + 1 < offsets.length
        ? offsets[column + 1]! - offsets[column]! - parsed.delimiter.length
        : row.text.length - (offsets[column] ?? 0);
    const p: MapProblem = {
      ...problem(severity, code, [], `Row ${row.index + 1}, ${columnName(column)}: ${message}`, hint),
      range: parsed.lines.range(start, Math.max(rawLength, 1)),
      row: row.index,
      column,
    };
    if (fix) p.fix = fix;
    return p;
  };

  const rows = parsed.headerIndex === undefined ? parsed.rows : mappingRows(parsed);
  for (const row of rows) {
    const f = row.fields;
    if (f.length !== 6) {
      out.push({
        ...problem(
          'error',
          'map.columns',
          [],
          `Row ${row.index + 1} has ${f.length} column${f.length === 1 ? '' : 's'}; the identity map has exactly 6.`,
          'Type,SourceTenantId,Source,Target,E-mail or name,UserType or GroupType',
        ),
        range: parsed.lines.range(row.offset, Math.max(row.text.length, 1)),
        row: row.index,
      });
      continue;
    }
    const kindRaw = f[0]!.trim();
    const tenant = f[1]!.trim();
    const source = f[2]!.trim();
    const target = f[3]!.trim();
    const nameOrEmail = f[4]!.trim();
    const type = f[5]!.trim();
    if (kindRaw !== f[0] || tenant !== f[1] || source !== f[2] || target !== f[3] || nameOrEmail !== f[4] || type !== f[5]) {
      const trimmed = [kindRaw, tenant, source, target, nameOrEmail, type];
      for (let column = 0; column < 6; column++) {
        if (f[column] !== trimmed[column])
          out.push(
            cell(
              row,
              column,
              'warning',
              'map.whitespace',
              `'${f[column]}' has spaces around it.`,
              'Remove them: the engine compares values exactly.',
              { title: 'Trim spaces', value: trimmed[column]! },
            ),
          );
      }
    }
    const kind =
      kindRaw === 'User'
        ? 'user'
        : kindRaw === 'Group'
          ? 'group'
          : kindRaw.toLowerCase() === 'user'
            ? 'user'
            : kindRaw.toLowerCase() === 'group'
              ? 'group'
              : undefined;
    if (!kind) {
      out.push(cell(row, 0, 'error', 'map.rowType', `'${kindRaw}' is not a row type.`, 'The first column is User or Group.'));
      continue;
    }
    const canonicalKind = kind === 'user' ? 'User' : 'Group';
    if (kindRaw !== canonicalKind)
      out.push(
        cell(row, 0, 'warning', 'map.case', `Write '${canonicalKind}', not '${kindRaw}'.`, undefined, {
          title: `Change to ${canonicalKind}`,
          value: canonicalKind,
        }),
      );

    if (tenant === lastGoodTenant) {
      // Same tenant ID as the row before (the usual case): already checked.
    } else if (!GUID.test(tenant))
      out.push(
        cell(
          row,
          1,
          'error',
          'map.tenantId',
          `'${tenant}' is not a tenant ID.`,
          'The source tenant ID is a GUID (Entra admin center > Overview > Tenant ID).',
        ),
      );
    else if (planTenantId && tenant.toLowerCase() !== planTenantId) {
      out.push(
        cell(
          row,
          1,
          'error',
          'map.tenantIdMismatch',
          `${tenant} is not the plan's source tenant ID (${options.plan!.source.tenantId}).`,
          'Every row carries the SOURCE tenant ID.',
          { title: `Use ${options.plan!.source.tenantId}`, value: options.plan!.source.tenantId! },
        ),
      );
    } else lastGoodTenant = tenant;

    const allowed = TYPES[kind] as readonly string[];
    const typeMatch = TYPE_BY_LOWER[kind].get(type) ?? TYPE_BY_LOWER[kind].get(type.toLowerCase());
    if (!typeMatch)
      out.push(
        cell(
          row,
          5,
          'error',
          kind === 'user' ? 'map.userType' : 'map.groupType',
          `'${type}' is not a ${kind} type.`,
          `Use one of ${allowed.filter((t) => t !== 'None').join(', ')}.`,
        ),
      );
    else if (typeMatch !== type)
      out.push(
        cell(row, 5, 'warning', 'map.case', `Write '${typeMatch}', not '${type}'.`, undefined, {
          title: `Change to ${typeMatch}`,
          value: typeMatch,
        }),
      );

    if (kind === 'user') {
      if (!isUserPrincipalName(source))
        out.push(cell(row, 2, 'error', 'map.upn', `'${source}' is not a user principal name.`, 'Expected name@domain.'));
      else if (hasSingleQuote(source))
        out.push(
          cell(
            row,
            2,
            'warning',
            'map.apostrophe',
            `${source} contains an apostrophe; Microsoft documents that such users fail with an 'invalid character' error.`,
            'Rename the user before migrating.',
          ),
        );
      if (!isUserPrincipalName(target))
        out.push(cell(row, 3, 'error', 'map.upn', `'${target}' is not a user principal name.`, 'Expected name@domain.'));
      else if (hasSingleQuote(target))
        out.push(
          cell(
            row,
            3,
            'warning',
            'map.apostrophe',
            `${target} contains an apostrophe; Microsoft documents that such users fail with an 'invalid character' error.`,
            'Rename the user before migrating.',
          ),
        );
      if (nameOrEmail !== target && !EMAIL.test(nameOrEmail))
        out.push(
          cell(
            row,
            4,
            'error',
            'map.email',
            `'${nameOrEmail}' is not an e-mail address.`,
            "The fifth column of a user row is the target user's e-mail.",
          ),
        );
      const targetIsGuest = target.includes('#') && /#EXT#@/i.test(target);
      if (typeMatch === 'GuestUser' && !targetIsGuest) {
        out.push(
          cell(
            row,
            3,
            'warning',
            'map.guest',
            `The row says GuestUser, but ${target} is not a guest UPN.`,
            "A guest UPN looks like name_domain.com#EXT#@tenant.onmicrosoft.com; map to a member with RegularUser, or to the guest's real UPN.",
          ),
        );
      } else if (targetIsGuest && typeMatch && typeMatch !== 'GuestUser') {
        out.push(
          cell(
            row,
            5,
            'warning',
            'map.guest',
            `${target} is a guest, but the row says ${typeMatch}.`,
            'Use GuestUser for a guest target.',
            { title: 'Change to GuestUser', value: 'GuestUser' },
          ),
        );
      }
    } else {
      if (!GUID.test(source))
        out.push(
          cell(
            row,
            2,
            'error',
            'map.groupId',
            `'${source}' is not a group object ID.`,
            'Group rows map object IDs (GUIDs): Entra admin center > Groups > the group > Object ID.',
          ),
        );
      if (!GUID.test(target))
        out.push(
          cell(
            row,
            3,
            'error',
            'map.groupId',
            `'${target}' is not a group object ID.`,
            'Group rows map object IDs (GUIDs): Entra admin center > Groups > the group > Object ID.',
          ),
        );
      if (typeMatch === 'O365Group') {
        if (GUID.test(nameOrEmail) || /\s/.test(nameOrEmail))
          out.push(
            cell(
              row,
              4,
              'warning',
              'map.groupAlias',
              `'${nameOrEmail}' is not a Microsoft 365 group alias.`,
              "For an O365Group row, the fifth column is the target group's alias (mailNickname).",
            ),
          );
        else if (nameOrEmail.includes('.'))
          out.push(
            cell(
              row,
              4,
              'warning',
              'map.groupAlias',
              `The alias '${nameOrEmail}' contains a period; Microsoft documents an 'Invalid character' failure for it.`,
              'Use an alias without periods.',
            ),
          );
      } else if (typeMatch && nameOrEmail.toLowerCase() !== target.toLowerCase() && GUID.test(target)) {
        out.push(
          cell(
            row,
            4,
            'info',
            'map.groupName',
            "Microsoft's instructions say to put the target group object ID in this column as well.",
            undefined,
            { title: 'Use the target group ID', value: target },
          ),
        );
      }
    }

    // One-to-one: a source principal appears once, and no two sources map onto one target.
    const k = keyed[kind];
    k.rows.push(row);
    k.sources.push(source.toLowerCase());
    k.targets.push(target.toLowerCase());
  }

  for (const k of [keyed.user, keyed.group]) {
    const sourceFirst = firstOccurrences(k.sources);
    const targetFirst = firstOccurrences(k.targets);
    for (let i = 0; i < k.rows.length; i++) {
      const row = k.rows[i]!;
      if (sourceFirst[i] !== -1)
        out.push(
          cell(
            row,
            2,
            'error',
            'map.duplicateSource',
            `${row.fields[2]!.trim()} is already mapped on row ${k.rows[sourceFirst[i]!]!.index + 1}.`,
            'Mapping is one-to-one: keep one row per source principal (engine error MnAIdentityMapEntryTooManyForSourceUPN).',
          ),
        );
    }
    for (let i = 0; i < k.rows.length; i++) {
      const row = k.rows[i]!;
      if (targetFirst[i] !== -1)
        out.push(
          cell(
            row,
            3,
            'error',
            'map.duplicateTarget',
            `${row.fields[3]!.trim()} is already the target of row ${k.rows[targetFirst[i]!]!.index + 1}.`,
            'Two source principals cannot map onto one target.',
          ),
        );
    }
  }

  if (options.plan) {
    // Scan the map once against the (much smaller) set of batch users.
    const wanted = new Map<string, { upn: string; label: string }>();
    for (const b of options.plan.batches ?? [])
      for (const u of b.users)
        wanted.set(upnKey(batchUserSource(u)), { upn: batchUserSource(u), label: `${batchUserSource(u)} (${b.name})` });
    for (const key of keyed.user.sources) wanted.delete(key);
    const missing = [...wanted.values()].map((w) => w.label);
    if (missing.length) {
      const end = parsed.lines.range(Math.max(parsed.lines.length - 1, 0), 0);
      const tenantId = options.plan.source.tenantId ?? '';
      out.push({
        addRows: [...wanted.values()].map((w) => ['User', tenantId, w.upn, '', '', 'RegularUser']),
        ...problem(
          'error',
          'map.missingBatchUser',
          [],
          `${missing.length} user${missing.length === 1 ? '' : 's'} of the plan's batches ha${missing.length === 1 ? 's' : 've'} no row: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`,
          'Every OneDrive owner that moves needs a User row (engine error MnAIdentityMapEntryDoesNotExistsForSourceUPN).',
        ),
        range: end,
      });
    }
  }
  return out;
}

function columnName(column: number): string {
  return ['type', 'source tenant ID', 'source', 'target', 'e-mail / name', 'user / group type'][column] ?? `column ${column + 1}`;
}
