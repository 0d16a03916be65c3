/**
 * What live mode learns lands in the plan the way the scripts' findings do: as result files in the
 * results folder, read by the same ingestion. This builds such a file (envelope, data, the scripts'
 * file name) for a side and geography of the plan.
 */
import { findGeography } from '../plan/planQueries';
import type { Plan, Side } from '../plan/planSchema';
import { RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION, type ResultData, type ResultKind } from '../results/resultSchema';

export interface LiveResultFile {
  /** As the scripts name theirs: side-GEO-kind-yyyyMMddTHHmmssfffZ.json. */
  name: string;
  text: string;
}

export function liveResultFile<K extends ResultKind>(
  plan: Plan,
  side: Side,
  geography: string,
  kind: K,
  data: ResultData<K>,
  now: Date,
): LiveResultFile {
  const geo = findGeography(plan, side, geography);
  if (!geo) throw new Error(`The plan has no ${side} geography ${geography}.`);
  const createdAt = now.toISOString();
  const stamp = createdAt.replace(/[-:.]/g, '').replace(/(\d{3})Z$/, '$1Z');
  const result = {
    schema: RESULT_SCHEMA_ID,
    version: RESULT_SCHEMA_VERSION,
    kind,
    side,
    tenant: plan[side].name,
    geography,
    adminUrl: geo.adminUrl,
    createdAt,
    data,
  };
  return { name: `${side}-${geography}-${kind}-${stamp}.json`, text: JSON.stringify(result, null, 2) + '\n' };
}
