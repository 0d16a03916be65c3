/**
 * What is worth a notification, as facts that are true now: a batch has finished (no move of it is
 * still to do), a move failed, a trust's dormant period is over. Each fact has a stable id, so the
 * VS Code layer tells each one once (it remembers the ids it told).
 */
import { batchUserSource } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { counted } from '../text/plural';
import { pairStatus } from '../trust/trustState';
import { moveCategory, SETTLED_CATEGORIES } from './moveCategory';

export type MigrationEventKind = 'batchFinished' | 'moveFailed' | 'trustUsable';

export interface MigrationEvent {
  id: string;
  kind: MigrationEventKind;
  /** The batch (batchFinished, moveFailed) or the pair "NAM → EUR" (trustUsable). */
  subject: string;
  text: string;
}

export function migrationEvents(plan: Plan, now: Date): MigrationEvent[] {
  const events: MigrationEvent[] = [];
  for (const batch of plan.batches ?? []) {
    const moves = batch.users.map((u) => {
      const key = upnKey(batchUserSource(u));
      return { key, move: plan.moves?.[key] };
    });
    const categories = moves.map((m) => moveCategory(m.move?.state));
    if (moves.length && categories.every((c) => SETTLED_CATEGORIES.has(c))) {
      const moved = categories.filter((c) => c === 'success').length;
      events.push({
        id: `batchFinished:${batch.name}:${moves.length}`,
        kind: 'batchFinished',
        subject: batch.name,
        text: `Batch '${batch.name}' has finished: ${moved.toLocaleString('en-US')} of ${counted(moves.length, 'OneDrive')} moved.`,
      });
    }
    moves.forEach((m, i) => {
      const c = categories[i]!;
      if (c !== 'failed' && c !== 'refused') return;
      events.push({
        id: `moveFailed:${m.key}:${m.move!.updatedAt}`,
        kind: 'moveFailed',
        subject: batch.name,
        text: `${batchUserSource(batch.users[i]!)}${m.move!.errorCode ? `: ${m.move!.errorCode}` : ''}`,
      });
    });
  }
  for (const trust of plan.trusts ?? []) {
    const s = pairStatus(trust, now);
    const removed = s.source.kind === 'removed' || s.target.kind === 'removed';
    if (!s.usableAt || removed || Date.parse(s.usableAt) > now.getTime()) continue;
    const pair = `${trust.sourceGeography} → ${trust.targetGeography}`;
    events.push({
      id: `trustUsable:${trust.sourceGeography}>${trust.targetGeography}:${s.usableAt}`,
      kind: 'trustUsable',
      subject: pair,
      text: s.usable
        ? `The trust ${pair} is usable: both sides verified GoodToProceed.`
        : `The dormant period of the trust ${pair} is over: verify it on both sides (step 3).`,
    });
  }
  return events;
}
