/**
 * What a trust direction's recorded facts mean now: not requested, requested (waiting for the
 * partner), dormant with the time left of the 7-day period, GoodToProceed, CouldNotContactPartner,
 * removed. The 7-day clock starts when the later of the two requests was made (domain.md §1.3:
 * the engine reports DormantByPartner during the partner's waiting period).
 */
import type { Side, TrustDirection, TrustPair } from '../plan/planSchema';

export const DORMANT_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

export type TrustDirectionStatus =
  | { kind: 'notRequested' }
  | { kind: 'waitingForPartner'; requestedAt: string }
  | { kind: 'dormant'; requestedAt: string; usableAt?: string; remainingMs?: number }
  | { kind: 'readyToVerify'; requestedAt: string }
  | { kind: 'goodToProceed'; verifiedAt: string }
  | { kind: 'couldNotContactPartner'; verifiedAt: string }
  | { kind: 'removed'; removedAt: string };

export interface TrustPairStatus {
  source: TrustDirectionStatus;
  target: TrustDirectionStatus;
  /** Both sides verified GoodToProceed and neither removed it. */
  usable: boolean;
  /** When the 7-day period ends, once both sides have requested. */
  usableAt?: string;
  compatibility?: TrustPair['compatibility'];
}

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : undefined);

/** The end of the dormant period: 7 days after the later of both requests (undefined until both requested). */
export function dormantUntil(pair: TrustPair): string | undefined {
  const a = time(pair.source?.requestedAt);
  const b = time(pair.target?.requestedAt);
  if (a === undefined || b === undefined) return undefined;
  return new Date(Math.max(a, b) + DORMANT_PERIOD_MS).toISOString().replace('.000Z', 'Z');
}

export function directionStatus(pair: TrustPair, side: Side, now: Date): TrustDirectionStatus {
  const mine: TrustDirection = pair[side] ?? {};
  if (mine.removedAt) return { kind: 'removed', removedAt: mine.removedAt };
  // A verification newer than the last request is the engine's word; an older one is stale.
  const verifiedAfterRequest =
    mine.lastVerifiedAt && (!mine.requestedAt || Date.parse(mine.lastVerifiedAt) >= Date.parse(mine.requestedAt));
  if (verifiedAfterRequest && mine.lastResult === 'GoodToProceed') return { kind: 'goodToProceed', verifiedAt: mine.lastVerifiedAt! };
  if (verifiedAfterRequest && mine.lastResult === 'CouldNotContactPartner')
    return { kind: 'couldNotContactPartner', verifiedAt: mine.lastVerifiedAt! };
  if (!mine.requestedAt) return { kind: 'notRequested' };
  const usableAt = dormantUntil(pair);
  if (usableAt) {
    const remainingMs = Date.parse(usableAt) - now.getTime();
    if (remainingMs > 0) return { kind: 'dormant', requestedAt: mine.requestedAt, usableAt, remainingMs };
    return { kind: 'readyToVerify', requestedAt: mine.requestedAt };
  }
  if (verifiedAfterRequest && mine.lastResult === 'DormantByPartner') return { kind: 'dormant', requestedAt: mine.requestedAt };
  return { kind: 'waitingForPartner', requestedAt: mine.requestedAt };
}

export function pairStatus(pair: TrustPair, now: Date): TrustPairStatus {
  const source = directionStatus(pair, 'source', now);
  const target = directionStatus(pair, 'target', now);
  const status: TrustPairStatus = { source, target, usable: source.kind === 'goodToProceed' && target.kind === 'goodToProceed' };
  const until = dormantUntil(pair);
  if (until) status.usableAt = until;
  if (pair.compatibility) status.compatibility = pair.compatibility;
  return status;
}

/** "3d 4h", "5h 12m", "12m", "less than a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return hours ? `${days}d ${hours}h` : `${days}d`;
  if (hours) return mins ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

/** Short label of a direction, e.g. "dormant, usable in 3d 4h". */
export function describeDirection(status: TrustDirectionStatus): string {
  switch (status.kind) {
    case 'notRequested':
      return 'not requested';
    case 'waitingForPartner':
      return `requested on ${status.requestedAt.slice(0, 10)}, waiting for the partner`;
    case 'dormant':
      return status.remainingMs !== undefined
        ? `dormant, usable in ${formatDuration(status.remainingMs)}`
        : 'dormant (partner within its 7 days)';
    case 'readyToVerify':
      return '7 days passed: verify now';
    case 'goodToProceed':
      return 'GoodToProceed';
    case 'couldNotContactPartner':
      return 'CouldNotContactPartner';
    case 'removed':
      return `removed on ${status.removedAt.slice(0, 10)}`;
  }
}
