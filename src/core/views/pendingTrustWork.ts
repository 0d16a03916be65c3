/**
 * What step 2 or step 3 still has to do, pair by pair and side by side: the requests not made yet,
 * the verifications that can be made now (the dormant period is over, or the last one could not
 * contact the partner). The step commands offer exactly this first.
 */
import { geographyPairs } from '../plan/planQueries';
import type { Plan, Side } from '../plan/planSchema';
import { pairStatus, type TrustDirectionStatus } from '../trust/trustState';

export interface PendingTrustWork {
  pair: { sourceGeography: string; targetGeography: string };
  sides: Side[];
}

const PENDING_KINDS: Record<2 | 3, ReadonlyArray<TrustDirectionStatus['kind']>> = {
  2: ['notRequested'],
  3: ['readyToVerify', 'couldNotContactPartner'],
};

export function pendingTrustWork(plan: Plan, step: 2 | 3, now: Date): PendingTrustWork[] {
  return geographyPairs(plan).flatMap((p) => {
    const s = pairStatus(p.trust ?? { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }, now);
    const sides = (['source', 'target'] as const).filter((side) => PENDING_KINDS[step].includes(s[side].kind));
    return sides.length ? [{ pair: { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }, sides }] : [];
  });
}

/** "APC→NAM (source, target), EUR→EUR (target)". */
export function describePendingTrustWork(work: readonly PendingTrustWork[]): string {
  return work.map((w) => `${w.pair.sourceGeography}→${w.pair.targetGeography} (${w.sides.join(', ')})`).join(', ');
}
