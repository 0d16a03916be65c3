/**
 * The migration checklist as data: prerequisites and the seven steps, with sub-items per
 * geography pair and per batch. Status is derived from the plan and the result files wherever
 * possible; only what cannot be derived (licences, holds, Customer Key, the OneDrive-creation
 * restriction, path lengths, pre-creation) takes a manual tick, kept in the plan's `checklist`.
 */
import { counted } from '../text/plural';
import { batchProgress, describeBatchProgress } from '../plan/batchProgress';
import { isFailedState } from '../plan/moveStates';
import { upnKey } from '../plan/principalNames';
import { batchUserSource, geographyPairs, hostUrlOf } from '../plan/planQueries';
import type { Batch, Plan, Side } from '../plan/planSchema';
import { hasSingleQuote } from '../plan/principalNames';
import type { TargetOneDriveCheck } from '../results/ingestResults';
import { describeDirection, formatDuration, pairStatus } from '../trust/trustState';
import { SHOW_MOVES_COMMAND, STEP_COMMANDS } from '../views/stepCommands';

export type ChecklistStatus = 'done' | 'inProgress' | 'todo' | 'problem';

export interface ChecklistItem {
  /** Stable id; manual ticks are stored under it. */
  id: string;
  title: string;
  detail?: string;
  status: ChecklistStatus;
  /** Manual items can be ticked; derived ones follow the plan and the results. */
  manual: boolean;
  /** The command that does it, or explains it. */
  command?: string;
  children?: ChecklistItem[];
  /** The users behind a batch's counts (failed first, with their error code), to open from the count. */
  people?: ChecklistPerson[];
  /** Users of the batch beyond those listed in `people` (a 4,000-user batch lists its first PEOPLE_SHOWN). */
  morePeople?: number;
}

/** How many users a batch item lists: the view shows these; the rest are counted, not sent. */
export const PEOPLE_SHOWN = 200;

export interface ChecklistPerson {
  user: string;
  state: string;
  errorCode?: string;
}

/** A batch's users in the order an admin looks at them: failed, in progress, scheduled, not queued, moved. */
function peopleOf(plan: Plan, batch: Batch): ChecklistPerson[] {
  const rank = (state: string) =>
    isFailedState(state)
      ? 0
      : state === 'InProgress'
        ? 1
        : state === 'NotQueued'
          ? 3
          : state === 'Success' || state === 'Completed'
            ? 4
            : 2;
  return batch.users
    .map((u) => {
      const user = batchUserSource(u);
      const move = plan.moves?.[upnKey(user)];
      const person: ChecklistPerson = { user, state: move?.state ?? 'NotQueued' };
      if (move?.errorCode) person.errorCode = move.errorCode;
      return person;
    })
    .sort((a, b) => rank(a.state) - rank(b.state));
}

export interface ChecklistInput {
  plan: Plan;
  targetOneDriveChecks: readonly TargetOneDriveCheck[];
  now: Date;
}

/** Done when every child is done; a problem anywhere shows; otherwise started or not. */
export function rollUp(children: readonly ChecklistItem[]): ChecklistStatus {
  if (!children.length) return 'todo';
  if (children.some((c) => c.status === 'problem')) return 'problem';
  if (children.every((c) => c.status === 'done')) return 'done';
  return children.some((c) => c.status !== 'todo') ? 'inProgress' : 'todo';
}

function manual(plan: Plan, id: string, title: string, detail: string, command?: string, problem?: string): ChecklistItem {
  const tick = plan.checklist?.[id];
  const item: ChecklistItem = {
    id,
    title,
    detail: problem ?? detail,
    status: problem ? 'problem' : tick?.done ? 'done' : 'todo',
    manual: true,
  };
  if (command) item.command = command;
  return item;
}

function group(id: string, title: string, children: ChecklistItem[], command?: string, detail?: string): ChecklistItem {
  const item: ChecklistItem = { id, title, status: rollUp(children), manual: false, children };
  if (command) item.command = command;
  if (detail) item.detail = detail;
  return item;
}

function derived(id: string, title: string, status: ChecklistStatus, detail?: string, command?: string): ChecklistItem {
  const item: ChecklistItem = { id, title, status, manual: false };
  if (detail) item.detail = detail;
  if (command) item.command = command;
  return item;
}

export function buildChecklist(input: ChecklistInput): ChecklistItem[] {
  const { plan, now } = input;
  const moves = Object.values(plan.moves ?? {});
  const movesWith = (code: string) => moves.filter((m) => m.errorCode === code).length;
  const batchUsers = (plan.batches ?? []).flatMap((b) => b.users.map(batchUserSource));
  const apostrophes = batchUsers.filter(hasSingleQuote);
  const checks = input.targetOneDriveChecks;
  const checkedGeos = new Set(checks.map((c) => c.geography));
  const oneDriveConflicts = checks.reduce((n, c) => n + c.conflicts, 0);
  const pairs = geographyPairs(plan).map((p) => ({
    p,
    s: pairStatus(p.trust ?? { sourceGeography: p.sourceGeography, targetGeography: p.targetGeography }, now),
  }));
  const pairLabel = (p: { sourceGeography: string; targetGeography: string }) => `${p.sourceGeography} → ${p.targetGeography}`;

  const unlicensed = movesWith('MnAOdbUsersAreNotLicensed');
  const byok = movesWith('MnABYOKEnabledOnSourceTenant');
  const prerequisites = group('prerequisites', 'Prerequisites', [
    manual(
      plan,
      'pre.licences',
      'Cross Tenant User Data Migration licences',
      'Bought and assigned (source or target user) for everyone who moves. Migrations fail without them.',
      'onedriveMigration.explainErrorCode',
      unlicensed ? `${counted(unlicensed, 'move')} failed with MnAOdbUsersAreNotLicensed.` : undefined,
    ),
    manual(
      plan,
      'pre.customerKey',
      'Customer Key is off on the source',
      'Service encryption with Microsoft Purview Customer Key blocks the migration.',
      undefined,
      byok ? 'A move failed with MnABYOKEnabledOnSourceTenant.' : undefined,
    ),
    manual(
      plan,
      'pre.holds',
      'Legal and retention holds removed',
      'Remove holds on the source OneDrives; reapply them on the target after the move.',
    ),
    manual(
      plan,
      'pre.restrictOneDrive',
      'OneDrive creation restricted on the target',
      'SharePoint admin center > User profiles > Manage User Permissions: remove "Create Personal Site" from everyone but the allowed groups.',
      'onedriveMigration.step4PrecreateUsers',
    ),
    derived(
      'pre.noTargetOneDrive',
      'No target OneDrive exists yet',
      oneDriveConflicts ? 'problem' : plan.target.geographies.every((g) => checkedGeos.has(g.code)) ? 'done' : 'todo',
      oneDriveConflicts
        ? `${counted(oneDriveConflicts, 'mapped user')} already ${oneDriveConflicts === 1 ? 'has' : 'have'} a target OneDrive.`
        : 'Checked per target geography by the step 4 check scripts.',
      'onedriveMigration.step4PrecreateUsers',
    ),
    manual(
      plan,
      'pre.pathLengths',
      'Paths stay within 400 characters',
      'Target OneDrive URL plus file path; find long ones with Find-SPOCrossTenantLongFilePathsForSiteRename.',
    ),
    derived(
      'pre.apostrophes',
      'No apostrophes in the UPNs that move',
      apostrophes.length ? 'problem' : batchUsers.length ? 'done' : 'todo',
      apostrophes.length
        ? `${apostrophes.slice(0, 3).join(', ')}${apostrophes.length > 3 ? '…' : ''}: rename them first.`
        : 'Users with an apostrophe fail with an "invalid character" error.',
    ),
  ]);

  const hostItem = (side: Side) =>
    plan[side].geographies.map((g) =>
      derived(
        `s1.${side}.${g.code}`,
        `${side === 'source' ? 'Source' : 'Target'} ${g.code}: host URL`,
        hostUrlOf(g) ? 'done' : 'todo',
        hostUrlOf(g) ?? 'Run the step 1 script there and import its result.',
      ),
    );
  const step1 = group('step1', '1. Connect to the tenants', [...hostItem('source'), ...hostItem('target')], STEP_COMMANDS[0]);

  const step2 = group(
    'step2',
    '2. Establish trust',
    pairs.flatMap(({ p, s }) =>
      (['source', 'target'] as const).map((side) =>
        derived(
          `s2.${side}.${p.sourceGeography}>${p.targetGeography}`,
          `${pairLabel(p)}: ${side} request`,
          s[side].kind === 'notRequested' ? 'todo' : 'done',
          describeDirection(s[side]),
        ),
      ),
    ),
    STEP_COMMANDS[1],
  );

  const step3 = group(
    'step3',
    '3. Verify trust',
    pairs.map(({ p, s }) => {
      const dormant = [s.source, s.target].find((d) => d.kind === 'dormant');
      const status: ChecklistStatus = s.usable
        ? 'done'
        : [s.source.kind, s.target.kind].includes('couldNotContactPartner')
          ? 'problem'
          : dormant || s.source.kind !== 'notRequested'
            ? 'inProgress'
            : 'todo';
      const detail = s.usable
        ? 'GoodToProceed on both sides'
        : dormant && dormant.kind === 'dormant' && dormant.remainingMs !== undefined
          ? `Dormant: usable in ${formatDuration(dormant.remainingMs)}`
          : `Source: ${describeDirection(s.source)} · Target: ${describeDirection(s.target)}`;
      return derived(`s3.${p.sourceGeography}>${p.targetGeography}`, pairLabel(p), status, detail);
    }),
    STEP_COMMANDS[2],
  );

  const step4 = group(
    'step4',
    '4. Pre-create users and groups',
    [
      manual(
        plan,
        's4.precreated',
        'Target users and groups exist, licensed, in their groups',
        'Run the step 4 script (it reports, then creates with -CreateMissing); guests for people who stay.',
        STEP_COMMANDS[3],
      ),
    ],
    STEP_COMMANDS[3],
  );

  const batchPairs = new Set((plan.batches ?? []).map((b) => `${b.sourceGeography}>${b.targetGeography}`));
  const step5 = group(
    'step5',
    '5. Identity map and compatibility',
    [
      ...plan.target.geographies.map((g) => {
        const u = plan.identityMapUploads?.[g.code];
        return derived(
          `s5.upload.${g.code}`,
          `Map uploaded to target ${g.code}`,
          u ? 'done' : 'todo',
          u ? `${u.rows} rows on ${u.uploadedAt.slice(0, 10)}` : 'Upload the whole map to every target geography.',
        );
      }),
      ...pairs
        .filter(({ p }) => batchPairs.has(`${p.sourceGeography}>${p.targetGeography}`))
        .map(({ p, s }) => {
          const c = s.compatibility?.status;
          return derived(
            `s5.compat.${p.sourceGeography}>${p.targetGeography}`,
            `Compatibility ${pairLabel(p)}`,
            c === 'Compatible' || c === 'Warning' ? 'done' : c === 'Incompatible' ? 'problem' : 'todo',
            c ? `${c} (${s.compatibility!.checkedAt.slice(0, 10)})` : 'Check from the source.',
          );
        }),
    ],
    STEP_COMMANDS[4],
  );

  const step6 = group(
    'step6',
    '6. Queue and monitor the moves',
    (plan.batches ?? []).map((b) => {
      const p = batchProgress(plan, b);
      const status: ChecklistStatus = p.failed
        ? 'problem'
        : p.moved === p.users && p.users
          ? 'done'
          : p.notQueued < p.users
            ? 'inProgress'
            : 'todo';
      const item = derived(
        `s6.${b.name}`,
        `Batch '${b.name}' (${b.sourceGeography} → ${b.targetGeography})`,
        status,
        describeBatchProgress(p),
        SHOW_MOVES_COMMAND,
      );
      const people = peopleOf(plan, b);
      item.people = people.slice(0, PEOPLE_SHOWN);
      if (people.length > PEOPLE_SHOWN) item.morePeople = people.length - PEOPLE_SHOWN;
      return item;
    }),
    STEP_COMMANDS[5],
  );

  const step7 = group(
    'step7',
    '7. Post-migration cleanup',
    [
      ...pairs.map(({ p, s }) =>
        derived(
          `s7.${p.sourceGeography}>${p.targetGeography}`,
          `Trust ${pairLabel(p)} removed on both sides`,
          s.source.kind === 'removed' && s.target.kind === 'removed'
            ? 'done'
            : s.source.kind === 'removed' || s.target.kind === 'removed'
              ? 'inProgress'
              : 'todo',
        ),
      ),
      manual(
        plan,
        's7.redirects',
        'Redirect sites reviewed',
        'Remove redirects only once the whole migration is complete, or before moving a user back.',
        STEP_COMMANDS[6],
      ),
      manual(
        plan,
        's7.users',
        'Users signed in on the target and re-synced OneDrive',
        'They sign in with the new identity and sign the sync client in to the new location.',
      ),
    ],
    STEP_COMMANDS[6],
  );

  return [prerequisites, step1, step2, step3, step4, step5, step6, step7];
}

export interface ChecklistProgress {
  done: number;
  total: number;
  problems: number;
}

/** Counts the leaves. */
export function checklistProgress(items: readonly ChecklistItem[]): ChecklistProgress {
  const out = { done: 0, total: 0, problems: 0 };
  const visit = (item: ChecklistItem) => {
    if (item.children?.length) return item.children.forEach(visit);
    out.total++;
    if (item.status === 'done') out.done++;
    if (item.status === 'problem') out.problems++;
  };
  items.forEach(visit);
  return out;
}

/** The plan with a manual item ticked or unticked (derived items cannot be ticked). */
export function withManualTick(plan: Plan, items: readonly ChecklistItem[], id: string, done: boolean, at: string): Plan {
  const find = (list: readonly ChecklistItem[]): ChecklistItem | undefined => {
    for (const i of list) {
      if (i.id === id) return i;
      const inner = i.children && find(i.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const item = find(items);
  if (!item) throw new Error(`No checklist item '${id}'.`);
  if (!item.manual) throw new Error(`'${item.title}' follows the plan and the results; it cannot be ticked by hand.`);
  return { ...plan, checklist: { ...plan.checklist, [id]: { done, at } } };
}
