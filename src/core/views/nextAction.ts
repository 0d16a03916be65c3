/**
 * The next thing to do, for the status bar: the most urgent first. Failures (moves that failed, a
 * trust that could not contact its partner, an incompatible pair), then what unblocks the rest (host
 * URLs, trusts to request or verify, the identity map, compatibility, batches to queue), then what
 * only needs waiting (a dormant period, moves in progress), then the cleanup. Each action says which
 * scripts it needs: acting on it generates exactly those (one pair, one batch), not a whole step.
 */
import type { GenerationSelection } from '../powershell/generateScripts';
import { isFailedState, isPendingState } from '../plan/moveStates';
import type { MoveCategory } from '../moves/moveCategory';
import { batchUserSource, geographyPairs, hostUrlOf } from '../plan/planQueries';
import type { Batch, Plan, Side } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { counted } from '../text/plural';
import { pendingTrustWork } from './pendingTrustWork';
import { formatDuration, pairStatus, type TrustDirectionStatus, type TrustPairStatus } from '../trust/trustState';

export interface NextAction {
  step: number;
  text: string;
  tooltip: string;
  icon: string;
  /** The scripts that do it; without one, the step's command is the way (e.g. nothing to generate yet). */
  selection?: GenerationSelection;
  /** Where the moves are the matter, the Moves view (with this filter) comes first: it shows them and offers the scripts. */
  showMoves?: { categories?: MoveCategory[]; batches?: string[] };
  /** How urgent: a failure to fix, something that unblocks others, a wait, or the end. */
  urgency: 'failure' | 'unblocks' | 'waiting' | 'done';
}

type Pair = { sourceGeography: string; targetGeography: string };
const label = (p: Pair) => `${p.sourceGeography}→${p.targetGeography}`;
const pairOf = (p: Pair): Pair => ({ sourceGeography: p.sourceGeography, targetGeography: p.targetGeography });
const more = (n: number) => (n > 1 ? ` (+${n - 1} more)` : '');

/** The sides of a pair whose direction is in one of these states (both when both are). */
function sidesIn(s: TrustPairStatus, kinds: ReadonlyArray<TrustDirectionStatus['kind']>): Side[] {
  return (['source', 'target'] as const).filter((side) => kinds.includes(s[side].kind));
}
const sideOnly = (sides: readonly Side[]): { side?: Side } => (sides.length === 1 ? { side: sides[0]! } : {});

export function nextAction(plan: Plan, now: Date): NextAction {
  const pairs = geographyPairs(plan).map((p) => ({
    p,
    s: pairStatus(p.trust ?? { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }, now),
  }));
  const active = pairs.filter(({ s }) => s.source.kind !== 'removed' || s.target.kind !== 'removed');
  const moves = plan.moves ?? {};
  const stateOf = (user: Batch['users'][number]) => moves[upnKey(batchUserSource(user))]?.state;
  const batches = plan.batches ?? [];
  const batchPairs = new Set(batches.map((b) => `${b.sourceGeography}>${b.targetGeography}`));

  // 1. Failures to fix.
  const failedBatches = batches.filter((b) => b.users.some((u) => isFailedState(stateOf(u))));
  if (failedBatches.length) {
    const failed = Object.values(moves).filter((m) => isFailedState(m.state)).length;
    const codes = [...new Set(Object.values(moves).flatMap((m) => (isFailedState(m.state) && m.errorCode ? [m.errorCode] : [])))];
    return {
      step: 6,
      urgency: 'failure',
      icon: 'error',
      text: `${counted(failed, 'move')} failed (${failedBatches[0]!.name}${more(failedBatches.length)})`,
      tooltip: `${codes.length ? `${codes.join(', ')}: see Explain Error Code. ` : ''}Fix the cause, then retry the failed users from the Moves view (a new batch of them with its queue script), or run the batch's queue script again with -RetryFailed (step 6).`,
      selection: { steps: [6], side: 'source', actions: ['queueBatch'], batches: failedBatches.map((b) => b.name) },
      showMoves: { categories: ['failed', 'refused'] },
    };
  }
  const unreachable = active.filter(({ s }) => sidesIn(s, ['couldNotContactPartner']).length);
  if (unreachable.length) {
    const { p, s } = unreachable[0]!;
    const sides = sidesIn(s, ['couldNotContactPartner']);
    return {
      step: 3,
      urgency: 'failure',
      icon: 'error',
      text: `Trust ${label(p)}: could not contact the partner${more(unreachable.length)}`,
      tooltip: `The ${sides.join(' and ')} side verified CouldNotContactPartner: check both host URLs and that the partner requested the trust, then verify again (step 3).`,
      selection: { steps: [3], pair: pairOf(p), ...sideOnly(sides) },
    };
  }
  const incompatible = pairs.filter(
    ({ p, s }) => batchPairs.has(`${p.sourceGeography}>${p.targetGeography}`) && s.compatibility?.status === 'Incompatible',
  );
  if (incompatible.length) {
    const { p } = incompatible[0]!;
    return {
      step: 5,
      urgency: 'failure',
      icon: 'error',
      text: `Compatibility ${label(p)} is Incompatible${more(incompatible.length)}`,
      tooltip: 'Wait (up to 48 hours), check again, then contact Microsoft support (step 5).',
      selection: { steps: [5], side: 'source', actions: ['checkCompatibility'], geographies: [p.sourceGeography] },
    };
  }

  // 2. What unblocks the rest, in the order of the steps.
  const missingHosts = (['source', 'target'] as const).flatMap((side) =>
    plan[side].geographies.filter((g) => !hostUrlOf(g)).map((g) => ({ side, geography: g.code })),
  );
  if (missingHosts.length) {
    return {
      step: 1,
      urgency: 'unblocks',
      icon: 'plug',
      text: `Get host URL${missingHosts.length > 1 ? 's' : ''}: ${missingHosts.map((m) => `${m.side} ${m.geography}`).join(', ')}`,
      tooltip: 'Run the step 1 scripts on these geographies and import their results.',
      selection: { steps: [1], places: missingHosts },
    };
  }
  // What steps 3 and 2 offer first (the same list): a verification that can be made now, a request not made yet.
  const readyToVerify = pendingTrustWork(plan, 3, now);
  if (readyToVerify.length) {
    const { pair, sides } = readyToVerify[0]!;
    return {
      step: 3,
      urgency: 'unblocks',
      icon: 'check-all',
      text: `Verify trust ${label(pair)}${more(readyToVerify.length)}`,
      tooltip: 'The dormant period is over: verify GoodToProceed (step 3).',
      selection: { steps: [3], pair, ...sideOnly(sides) },
    };
  }
  const toRequest = pendingTrustWork(plan, 2, now);
  if (toRequest.length) {
    const { pair, sides } = toRequest[0]!;
    return {
      step: 2,
      urgency: 'unblocks',
      icon: 'link',
      text: `Request trust ${label(pair)}${sides.length === 1 ? ` (${sides[0]})` : ''}${more(toRequest.length)}`,
      tooltip: `Both sides must run Set-SPOCrossTenantRelationship for every geography pair (step 2)${sides.length === 1 ? `; the ${sides[0]} side has not yet` : ''}.`,
      selection: { steps: [2], pair, ...sideOnly(sides) },
    };
  }
  const notUploaded = plan.target.geographies.filter((g) => !plan.identityMapUploads?.[g.code]).map((g) => g.code);
  if (notUploaded.length) {
    return {
      step: 5,
      urgency: 'unblocks',
      icon: 'cloud-upload',
      text: `Upload the identity map to ${notUploaded.join(', ')}`,
      tooltip: 'The whole map must be uploaded to every target geography (step 5).',
      selection: { steps: [5], side: 'target', actions: ['uploadIdentityMap'], geographies: notUploaded },
    };
  }
  const unchecked = pairs.filter(
    ({ p, s }) => batchPairs.has(`${p.sourceGeography}>${p.targetGeography}`) && s.usable && s.compatibility?.status === undefined,
  );
  if (unchecked.length) {
    const sources = [...new Set(unchecked.map(({ p }) => p.sourceGeography))];
    return {
      step: 5,
      urgency: 'unblocks',
      icon: 'check',
      text: `Check compatibility ${unchecked.map(({ p }) => label(p)).join(', ')}`,
      tooltip: 'Run Get-SPOCrossTenantCompatibilityStatus on the source (step 5).',
      selection: { steps: [5], side: 'source', actions: ['checkCompatibility'], geographies: sources },
    };
  }
  const usable = new Set(pairs.filter(({ s }) => s.usable).map(({ p }) => `${p.sourceGeography}>${p.targetGeography}`));
  const unqueued = batches.filter((b) => b.users.some((u) => stateOf(u) === undefined || stateOf(u) === 'NotStarted'));
  const queueable = unqueued.filter((b) => usable.has(`${b.sourceGeography}>${b.targetGeography}`));
  if (queueable.length) {
    return {
      step: 6,
      urgency: 'unblocks',
      icon: 'play',
      text: `Queue batch '${queueable[0]!.name}'${more(queueable.length)}`,
      tooltip: `${counted(unqueued.length, 'batch', 'batches')} not fully queued (step 6).`,
      selection: { steps: [6], side: 'source', actions: ['queueBatch'], batches: [queueable[0]!.name] },
    };
  }

  // 3. Waiting.
  const dormant = active
    .map(({ p, s }) => ({
      p,
      ms: [s.source, s.target].map((d) => (d.kind === 'dormant' ? (d.remainingMs ?? 0) : 0)).reduce((a, b) => Math.max(a, b), 0),
    }))
    .filter((x) => x.ms > 0)
    .sort((a, b) => a.ms - b.ms);
  if (dormant.length) {
    const first = dormant[0]!;
    return {
      step: 3,
      urgency: 'waiting',
      icon: 'watch',
      text: `Trust ${label(first.p)} usable in ${formatDuration(first.ms)}`,
      tooltip: 'The 7-day dormant period is running; verify the trust on both sides when it ends (step 3).',
    };
  }
  const waitingPartner = active.filter(({ s }) => !s.usable);
  if (waitingPartner.length) {
    const { p } = waitingPartner[0]!;
    return {
      step: 3,
      urgency: 'waiting',
      icon: 'watch',
      text: `Trust ${label(p)}: waiting for a verification${more(waitingPartner.length)}`,
      tooltip: 'Verify the trust on both sides once both have requested it (step 3).',
      selection: { steps: [3], pair: pairOf(p) },
    };
  }
  const pending = Object.values(moves).filter((m) => isPendingState(m.state) && m.state !== 'NotStarted').length;
  if (pending)
    return {
      step: 6,
      urgency: 'waiting',
      icon: 'sync',
      text: `${counted(pending, 'move')} in progress`,
      tooltip: 'See where they stand in the Moves view; export the move states to follow them (step 6).',
      selection: { steps: [6], side: 'source', actions: ['exportMoveStates'] },
      showMoves: {},
    };
  if (unqueued.length)
    return {
      step: 6,
      urgency: 'waiting',
      icon: 'play',
      text: `Queue batch '${unqueued[0]!.name}'${more(unqueued.length)}`,
      tooltip: `${counted(unqueued.length, 'batch', 'batches')} not fully queued; the trust of ${label(unqueued[0]!)} is not usable yet (steps 2 and 3).`,
    };

  // 4. Cleanup.
  if (active.length)
    return {
      step: 7,
      urgency: 'done',
      icon: 'trash',
      text: `Remove the trust${active.length === 1 ? '' : 's'} on both sides`,
      tooltip: 'Every move is done: remove the trusts before the source licences expire (step 7).',
    };
  return {
    step: 7,
    urgency: 'done',
    icon: 'pass',
    text: 'Migration complete',
    tooltip: 'Every move is done and the trusts are removed. Manage the redirect sites (step 7).',
  };
}
