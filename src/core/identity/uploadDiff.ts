/**
 * Every upload replaces the whole map on the target geography: compare the map with the last
 * uploaded one (the snapshot the step 5 script keeps in the results folder) and say what an upload
 * would drop or change.
 */
import { upnKey } from '../plan/principalNames';
import { isUserRow, type IdentityMapRow } from './identityMapRows';

export interface UploadDiff {
  /** Rows of the last upload that the current map no longer has: an upload would drop them. */
  dropped: IdentityMapRow[];
  /** Same source principal, different target or type. */
  changed: Array<{ before: IdentityMapRow; after: IdentityMapRow }>;
  added: IdentityMapRow[];
}

const keyOf = (r: IdentityMapRow) => `${r.kind.toLowerCase()}:${isUserRow(r) ? upnKey(r.source) : r.source.toLowerCase()}`;

export function uploadDiff(current: readonly IdentityMapRow[], lastUploaded: readonly IdentityMapRow[]): UploadDiff {
  const now = new Map(current.map((r) => [keyOf(r), r]));
  const before = new Map(lastUploaded.map((r) => [keyOf(r), r]));
  const dropped = lastUploaded.filter((r) => !now.has(keyOf(r)));
  const added = current.filter((r) => !before.has(keyOf(r)));
  const changed = current
    .map((after) => ({ before: before.get(keyOf(after)), after }))
    .filter(
      (x): x is { before: IdentityMapRow; after: IdentityMapRow } =>
        !!x.before &&
        (x.before.target.toLowerCase() !== x.after.target.toLowerCase() ||
          x.before.type !== x.after.type ||
          x.before.nameOrEmail !== x.after.nameOrEmail),
    );
  return { dropped, changed, added };
}

export function describeUploadDiff(diff: UploadDiff): string | undefined {
  if (!diff.dropped.length && !diff.changed.length) return undefined;
  const parts: string[] = [];
  if (diff.dropped.length)
    parts.push(
      `drop ${diff.dropped.length} row${diff.dropped.length === 1 ? '' : 's'} uploaded before (${diff.dropped
        .slice(0, 3)
        .map((r) => r.source)
        .join(', ')}${diff.dropped.length > 3 ? ', …' : ''})`,
    );
  if (diff.changed.length) parts.push(`change ${diff.changed.length} mapping${diff.changed.length === 1 ? '' : 's'}`);
  return `Uploading this map would ${parts.join(' and ')}: each upload replaces the whole map.`;
}
