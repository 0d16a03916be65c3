/**
 * Pre-flight through Graph: which users and groups the identity map names in the target are not
 * there yet. The answer has the shape of the step 4 script's report (precreation: exists, or skipped
 * as missing), so it lands in the plan, the checklist and the Problems panel the same way.
 */
import type { DirectoryGroup, DirectoryUser } from '../identity/directory';
import { isGroupRow, isUserRow, type IdentityMapRow } from '../identity/identityMapRows';
import type { ResultData } from '../results/resultSchema';

export function targetDirectoryCheck(
  rows: readonly IdentityMapRow[],
  users: readonly DirectoryUser[],
  groups: readonly DirectoryGroup[],
): ResultData<'precreation'> {
  const byName = new Map<string, DirectoryUser>();
  for (const u of users) {
    byName.set(u.userPrincipalName.toLowerCase(), u);
    if (u.mail) byName.set(u.mail.toLowerCase(), u);
  }
  const groupIds = new Map(groups.map((g) => [g.id.toLowerCase(), g]));
  const seen = new Set<string>();
  const out: ResultData<'precreation'> = { users: [], groups: [] };
  for (const row of rows) {
    if (isUserRow(row)) {
      const key = row.target.trim().toLowerCase();
      if (!key || seen.has(`u:${key}`)) continue;
      seen.add(`u:${key}`);
      const found = byName.get(key) ?? (row.nameOrEmail ? byName.get(row.nameOrEmail.trim().toLowerCase()) : undefined);
      out.users.push(
        found
          ? { target: row.target, status: 'exists', objectId: found.id ?? null, error: null }
          : { target: row.target, status: 'skipped', objectId: null, error: 'missing' },
      );
    } else if (isGroupRow(row)) {
      const key = row.target.trim().toLowerCase();
      if (!key || seen.has(`g:${row.source}`)) continue;
      seen.add(`g:${row.source}`);
      const found = groupIds.get(key);
      out.groups.push(
        found
          ? { source: row.source, mappedTarget: row.target, status: 'exists', objectId: found.id, error: null }
          : {
              source: row.source,
              mappedTarget: row.target,
              status: 'skipped',
              objectId: null,
              error: 'missing: no target group with this object ID',
            },
      );
    }
  }
  return out;
}
