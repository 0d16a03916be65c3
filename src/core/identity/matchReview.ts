/**
 * Reviewing matching proposals before they become identity-map rows: each proposal is pending,
 * accepted or rejected. Matched and suggested proposals bring their own row; an ambiguous or
 * conflicting one needs the admin to choose among its candidates; an unmatched one can be added
 * with a blank target to fill in by hand. Nothing already in the map is added twice.
 */
import type { DirectoryGroup, DirectoryUser } from './directory';
import { proposalRow, type Proposal, type ProposalStatus } from './matchIdentities';
import { principalKey } from './principalKey';

export const PROPOSAL_FILTERS = ['all', 'matched', 'suggested', 'ambiguous', 'conflict', 'unmatched'] as const;
export type ProposalFilter = (typeof PROPOSAL_FILTERS)[number];
export type Decision = 'pending' | 'accepted' | 'rejected';

export interface ProposalView {
  id: number;
  kind: 'User' | 'Group';
  status: ProposalStatus;
  rule?: string;
  source: string;
  sourceName?: string;
  target?: string;
  candidates: string[];
  /** The source is already in the identity map. */
  mapped: boolean;
}

export interface ProposalCounts {
  /** Pending proposals per status. */
  pending: Record<ProposalStatus, number>;
  accepted: number;
  rejected: number;
  total: number;
}

const DECISIONS: readonly Decision[] = ['pending', 'accepted', 'rejected'];

export const sourceKey = (p: Proposal): string =>
  p.kind === 'User' ? principalKey('user', p.source.userPrincipalName) : principalKey('group', p.source.id);
const principal = (x: DirectoryUser | DirectoryGroup): string => ('userPrincipalName' in x ? x.userPrincipalName : x.id);

export class MatchReview {
  private readonly decisions: Uint8Array;

  constructor(
    readonly proposals: readonly Proposal[],
    readonly sourceTenantId: string,
  ) {
    this.decisions = new Uint8Array(proposals.length);
  }

  decision(id: number): Decision {
    return DECISIONS[this.decisions[id] ?? 0]!;
  }

  counts(): ProposalCounts {
    const pending: Record<ProposalStatus, number> = { matched: 0, suggested: 0, ambiguous: 0, conflict: 0, unmatched: 0 };
    let accepted = 0;
    let rejected = 0;
    this.proposals.forEach((p, i) => {
      const d = this.decisions[i];
      if (d === 0) pending[p.status]++;
      else if (d === 1) accepted++;
      else rejected++;
    });
    return { pending, accepted, rejected, total: this.proposals.length };
  }

  /** Pending proposals with a status (or all pending), in directory order. */
  query(filter: ProposalFilter): Int32Array {
    const out = new Int32Array(this.proposals.length);
    let n = 0;
    this.proposals.forEach((p, i) => {
      if (this.decisions[i] === 0 && (filter === 'all' || p.status === filter)) out[n++] = i;
    });
    return out.subarray(0, n);
  }

  window(view: Int32Array, start: number, count: number, mapped: ReadonlySet<string>): ProposalView[] {
    const out: ProposalView[] = [];
    for (let i = Math.max(0, start); i < Math.min(view.length, start + count); i++) {
      const id = view[i]!;
      const p = this.proposals[id]!;
      const v: ProposalView = {
        id,
        kind: p.kind,
        status: p.status,
        source: principal(p.source),
        candidates: (p.candidates ?? []).map(principal),
        mapped: mapped.has(sourceKey(p)),
      };
      if (p.rule) v.rule = p.rule;
      if (p.source.displayName) v.sourceName = p.source.displayName;
      if (p.target) v.target = principal(p.target);
      out.push(v);
    }
    return out;
  }

  /**
   * The rows that accepting these proposals adds. Matched and suggested bring their row, unmatched
   * a blank-target row; ambiguous and conflicting ones are left pending (they need a choice), and
   * sources already in the map (or earlier in this batch) are skipped.
   */
  accept(
    ids: readonly number[],
    mapped: ReadonlySet<string>,
  ): { rows: string[][]; accepted: number[]; skipped: number; needChoice: number } {
    const added = new Set<string>();
    const rows: string[][] = [];
    const accepted: number[] = [];
    let skipped = 0;
    let needChoice = 0;
    for (const id of ids) {
      const p = this.proposals[id];
      if (!p || this.decisions[id] !== 0) continue;
      if (p.status === 'ambiguous' || p.status === 'conflict') {
        needChoice++;
        continue;
      }
      const key = sourceKey(p);
      if (mapped.has(key) || added.has(key)) {
        skipped++;
        continue;
      }
      added.add(key);
      rows.push(p.row ?? proposalRow(this.sourceTenantId, p));
      accepted.push(id);
    }
    return { rows, accepted, skipped, needChoice };
  }

  /** The row for an ambiguous or conflicting proposal once the admin has chosen a candidate. */
  choose(id: number, candidate: number): string[] | undefined {
    const p = this.proposals[id];
    const target = p?.candidates?.[candidate];
    return p && target ? proposalRow(this.sourceTenantId, p, target) : undefined;
  }

  /** The rejected sources, by key: what a later session needs to restore the review. */
  rejectedSources(): string[] {
    const out: string[] = [];
    this.proposals.forEach((p, i) => {
      if (this.decisions[i] === 2) out.push(sourceKey(p));
    });
    return out;
  }

  /**
   * Restores a review after matching again: sources rejected before stay rejected, and proposals
   * whose source the map already has count as accepted (nothing is left to do for them).
   */
  restore(rejected: Iterable<string>, mapped: ReadonlySet<string>): void {
    const rejectedSet = new Set(rejected);
    this.proposals.forEach((p, i) => {
      const key = sourceKey(p);
      if (rejectedSet.has(key)) this.decisions[i] = 2;
      else if (mapped.has(key)) this.decisions[i] = 1;
    });
  }

  mark(ids: readonly number[], decision: Exclude<Decision, 'pending'>): void {
    const value = DECISIONS.indexOf(decision);
    for (const id of ids) if (id >= 0 && id < this.decisions.length) this.decisions[id] = value;
  }
}
