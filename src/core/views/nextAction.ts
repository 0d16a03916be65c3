/**
 * The next thing to do, for the status bar: derived from the plan and the time, in the order of
 * the seven steps. Returns the step command to run.
 */
import { batchUserSource, geographyPairs, hostUrlOf } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { formatDuration, pairStatus } from '../trust/trustState';

export interface NextAction {
  step: number;
  text: string;
  tooltip: string;
  icon: string;
}

const PENDING = new Set(['NotStarted', 'Scheduled', 'Queued', 'ReadyToTrigger', 'InProgress', 'Rescheduled']);
const FAILED = new Set(['Failed', 'QueueFailed', 'NotSupported']);

export function nextAction(plan: Plan, now: Date): NextAction {
  const missingHosts = (['source', 'target'] as const).flatMap((side) =>
    plan[side].geographies.filter((g) => !hostUrlOf(g)).map((g) => `${side} ${g.code}`),
  );
  if (missingHosts.length) {
    return {
      step: 1,
      icon: 'plug',
      text: `Get host URL${missingHosts.length > 1 ? 's' : ''}: ${missingHosts.join(', ')}`,
      tooltip: 'Run the step 1 scripts on these geographies and import their results.',
    };
  }
  const pairs = geographyPairs(plan).map((p) => ({
    p,
    s: pairStatus(p.trust ?? { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }, now),
  }));
  const label = (p: { sourceGeography: string; targetGeography: string }) => `${p.sourceGeography}→${p.targetGeography}`;
  const active = pairs.filter(({ s }) => s.source.kind !== 'removed' || s.target.kind !== 'removed');
  const toRequest = active.filter(({ s }) => s.source.kind === 'notRequested' || s.target.kind === 'notRequested');
  if (toRequest.length) {
    return {
      step: 2,
      icon: 'link',
      text: `Request trust ${toRequest.map(({ p }) => label(p)).join(', ')}`,
      tooltip: 'Both sides must run Set-SPOCrossTenantRelationship for every geography pair (step 2).',
    };
  }
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
      icon: 'watch',
      text: `Trust ${label(first.p)} usable in ${formatDuration(first.ms)}`,
      tooltip: 'The 7-day dormant period is running; verify the trust on both sides when it ends (step 3).',
    };
  }
  const toVerify = active.filter(({ s }) => !s.usable);
  if (toVerify.length) {
    return {
      step: 3,
      icon: 'check-all',
      text: `Verify trust ${toVerify.map(({ p }) => label(p)).join(', ')}`,
      tooltip: 'Both sides must verify GoodToProceed (step 3).',
    };
  }
  const notUploaded = plan.target.geographies.filter((g) => !plan.identityMapUploads?.[g.code]).map((g) => g.code);
  if (notUploaded.length) {
    return {
      step: 5,
      icon: 'cloud-upload',
      text: `Upload the identity map to ${notUploaded.join(', ')}`,
      tooltip: 'The whole map must be uploaded to every target geography (step 5).',
    };
  }
  const batchPairs = new Set((plan.batches ?? []).map((b) => `${b.sourceGeography}>${b.targetGeography}`));
  const compat = pairs.filter(
    ({ p, s }) =>
      batchPairs.has(`${p.sourceGeography}>${p.targetGeography}`) &&
      s.compatibility?.status !== 'Compatible' &&
      s.compatibility?.status !== 'Warning',
  );
  if (compat.length) {
    const bad = compat.filter(({ s }) => s.compatibility?.status === 'Incompatible');
    return bad.length
      ? {
          step: 5,
          icon: 'error',
          text: `Compatibility ${bad.map(({ p }) => label(p)).join(', ')} is Incompatible`,
          tooltip: 'Wait (up to 48 hours), check again, then contact Microsoft support.',
        }
      : {
          step: 5,
          icon: 'check',
          text: `Check compatibility ${compat.map(({ p }) => label(p)).join(', ')}`,
          tooltip: 'Run Get-SPOCrossTenantCompatibilityStatus on the source (step 5).',
        };
  }
  const moves = plan.moves ?? {};
  const unqueued = (plan.batches ?? []).filter((b) =>
    b.users.some((u) => !moves[upnKey(batchUserSource(u))] || moves[upnKey(batchUserSource(u))]!.state === 'NotStarted'),
  );
  const states = Object.values(moves).map((m) => m.state);
  const pending = states.filter((s) => PENDING.has(s) && s !== 'NotStarted').length;
  const failed = states.filter((s) => FAILED.has(s)).length;
  if (failed)
    return {
      step: 6,
      icon: 'error',
      text: `${failed} move${failed === 1 ? '' : 's'} failed`,
      tooltip: 'Look at the error codes (Explain Error Code), fix, and queue those users again (step 6).',
    };
  if (unqueued.length)
    return {
      step: 6,
      icon: 'play',
      text: `Queue batch '${unqueued[0]!.name}'`,
      tooltip: `${unqueued.length} batch${unqueued.length === 1 ? '' : 'es'} not fully queued (step 6).`,
    };
  if (pending)
    return {
      step: 6,
      icon: 'sync',
      text: `${pending} move${pending === 1 ? '' : 's'} in progress`,
      tooltip: 'Export the move states to follow them (step 6).',
    };
  if (active.length)
    return {
      step: 7,
      icon: 'trash',
      text: `Remove the trust${active.length === 1 ? '' : 's'} on both sides`,
      tooltip: 'Every move is done: remove the trusts before the source licences expire (step 7).',
    };
  return {
    step: 7,
    icon: 'pass',
    text: 'Migration complete',
    tooltip: 'Every move is done and the trusts are removed. Manage the redirect sites (step 7).',
  };
}
