/** Filtering, searching and sorting the Moves view's rows (pure: the view asks for windows of the result). */
import { MOVE_CATEGORIES, type MoveCategory } from './moveCategory';
import type { MoveFlag } from './moveFlags';
import type { MoveRow } from './moveRows';

export const MOVE_SORT_COLUMNS = ['user', 'batch', 'geography', 'state', 'since', 'updatedAt', 'errorCode'] as const;
export type MoveSortColumn = (typeof MOVE_SORT_COLUMNS)[number];

export interface MoveFilter {
  categories?: readonly MoveCategory[];
  batches?: readonly string[];
  /** Source geography codes. */
  geographies?: readonly string[];
  /** Error codes; '' stands for "failed with no known code". */
  errorCodes?: readonly string[];
  /** Only moves with this flag ('any': with any flag). */
  flag?: MoveFlag | 'any';
  /** Case-insensitive text in the user, the target, the batch, the state, the error or the URLs. */
  text?: string;
}

export interface MoveSort {
  column: MoveSortColumn;
  descending?: boolean;
}

const CATEGORY_ORDER = new Map(MOVE_CATEGORIES.map((c, i) => [c, i]));

function sortKey(row: MoveRow, column: MoveSortColumn): string | number {
  switch (column) {
    case 'user':
      return row.user.toLowerCase();
    case 'batch':
      return row.batch.toLowerCase();
    case 'geography':
      return `${row.sourceGeography}>${row.targetGeography}`;
    case 'state':
      return CATEGORY_ORDER.get(row.category)!;
    case 'since':
      return row.since ?? '';
    case 'updatedAt':
      return row.updatedAt ?? '';
    case 'errorCode':
      return row.errorCode ?? '';
  }
}

function matches(row: MoveRow, f: MoveFilter, text: string): boolean {
  if (f.categories?.length && !f.categories.includes(row.category)) return false;
  if (f.batches?.length && !f.batches.includes(row.batch)) return false;
  if (f.geographies?.length && !f.geographies.includes(row.sourceGeography)) return false;
  if (
    f.errorCodes?.length &&
    !(row.category === 'failed' || row.category === 'refused' ? f.errorCodes.includes(row.errorCode ?? '') : false)
  )
    return false;
  if (f.flag && (f.flag === 'any' ? row.flags.length === 0 : !row.flags.includes(f.flag))) return false;
  if (text) {
    const hay = `${row.user}\n${row.target ?? ''}\n${row.batch}\n${row.state ?? ''}\n${row.errorCode ?? ''}\n${row.error ?? ''}\n${row.sourceUrl ?? ''}\n${row.targetUrl ?? ''}`;
    if (!hay.toLowerCase().includes(text)) return false;
  }
  return true;
}

/** The indexes of the rows that pass the filter, in the sort's order (ties keep the rows' order: batch, then user). */
export function filterMoves(rows: readonly MoveRow[], filter: MoveFilter, sort?: MoveSort): number[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (matches(rows[i]!, filter, text)) out.push(i);
  if (!sort) return out;
  const keys = new Map(out.map((i) => [i, sortKey(rows[i]!, sort.column)]));
  const dir = sort.descending ? -1 : 1;
  return out.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka < kb ? -dir : ka > kb ? dir : a - b;
  });
}
