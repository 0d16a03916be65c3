/**
 * The matching review of one open identity map: directory exports become proposals
 * (identityMatching.ts), the admin accepts, rejects or chooses in the webview's matching panel, and
 * the review is remembered (matchingMemory.ts) so a reload or a reopened editor shows it where it
 * was left. Accepted rows go into the map through the grid session: ordinary document edits.
 */
import * as vscode from 'vscode';
import type { MatchReview, ProposalFilter } from '../core/identity/matchReview';
import type { MapHostMessage, MapViewMessage } from '../../webview/identityMapProtocol';
import { matchDirectories, pickMatchInputs, type LiveDirectories, type MatchInputs } from './identityMatching';
import { log } from './log';
import type { MatchingMemory } from './matchingMemory';

/** Each map's review and the exports it came from, by map URI: it outlives an editor that closes. */
export type MatchReviews = Map<string, { review: MatchReview; inputs: MatchInputs }>;

/** The webview messages of the matching panel. */
export type MatchingMessage = Extract<
  MapViewMessage,
  { type: 'match' | 'proposalQuery' | 'proposalRows' | 'accept' | 'reject' | 'choose' }
>;

/** What the controller needs of the grid session of its map. */
export interface MatchingHost {
  readonly document: vscode.TextDocument;
  /** The source tenant ID matching writes into column 2: the plan's, else the map's. */
  tenantId(): string;
  /** The sources the map has rows for now (a proposal for one of them is "mapped"). */
  mappedSources(): Set<string>;
  /** Adds rows at the end of the map in one edit (one undo step); false if VS Code refused it. */
  appendRows(rows: string[][], label: string): Promise<boolean>;
  post(message: MapHostMessage): Promise<void>;
}

export class MatchingController {
  private filter: ProposalFilter = 'all';
  /** The proposals the panel shows (indexes into the review), for the filter. */
  private shown: Int32Array = new Int32Array(0);
  /** Bumped with every list sent: the panel's requests for an older list are dropped. */
  private version = 0;

  constructor(
    private readonly host: MatchingHost,
    private readonly reviews: MatchReviews,
    private readonly memory: MatchingMemory,
    private readonly live?: { available(): boolean; directories: LiveDirectories },
  ) {}

  private get map(): vscode.Uri {
    return this.host.document.uri;
  }

  get review(): MatchReview | undefined {
    return this.reviews.get(this.map.toString())?.review;
  }

  /** A (re)loaded webview brings back its panel's filter. */
  useFilter(filter: ProposalFilter): void {
    this.filter = filter;
  }

  /** Sends the panel its list (a webview loaded), and restores the remembered review if none is open. */
  async show(): Promise<void> {
    await this.postProposals();
    if (!this.review) void this.restoreReview();
  }

  /** The map changed, so which proposals are already mapped may have too. */
  async refresh(): Promise<void> {
    if (this.review) await this.postProposals();
  }

  async handle(message: MatchingMessage): Promise<boolean> {
    switch (message.type) {
      case 'match':
        return this.match();
      case 'proposalQuery':
        this.useFilter(message.filter);
        await this.postProposals();
        return true;
      case 'proposalRows': {
        const review = this.review;
        if (!review || message.version !== this.version) return false;
        await this.host.post({
          type: 'proposalRows',
          version: this.version,
          start: message.start,
          rows: review.window(this.shown, message.start, message.count, this.host.mappedSources()),
        });
        return true;
      }
      case 'accept':
        return this.accept(message.ids === 'shown' ? [...this.shown] : message.ids);
      case 'reject':
        return this.reject(message.ids === 'shown' ? [...this.shown] : message.ids);
      case 'choose':
        return this.choose(message.id);
    }
  }

  private async postProposals(): Promise<void> {
    const review = this.review;
    this.shown = review ? review.query(this.filter) : new Int32Array(0);
    this.version++;
    await this.host.post({
      type: 'proposals',
      version: this.version,
      total: this.shown.length,
      filter: this.filter,
      counts: review ? review.counts() : null,
    });
  }

  /** Remembers the review (its exports and rejections) for the next session. */
  private async remember(): Promise<void> {
    const entry = this.reviews.get(this.map.toString());
    if (entry) await this.memory.save(this.map, entry.inputs, entry.review.rejectedSources());
  }

  /** After a reload: matches the remembered exports again and restores the review. */
  async restoreReview(): Promise<boolean> {
    const remembered = this.review ? undefined : this.memory.load(this.map);
    if (!remembered) return false;
    try {
      const { review } = await matchDirectories(remembered.inputs, this.host.tenantId(), this.map);
      review.restore(remembered.rejected, this.host.mappedSources());
      this.reviews.set(this.map.toString(), { review, inputs: remembered.inputs });
      await this.postProposals();
      return true;
    } catch (error) {
      log.warn(`identity-map editor: could not match the remembered exports again: ${(error as Error).message}`);
      await this.memory.forget(this.map);
      await this.host.post({
        type: 'notice',
        severity: 'info',
        message: vscode.l10n.t(
          'The directory exports matched last time could not be read again; use Match from directory exports… to start over.',
        ),
      });
      return false;
    }
  }

  /** Runs matching with files given (tests) or asked for; the proposals show in the panel. */
  async match(inputs?: MatchInputs): Promise<boolean> {
    const tenantId = this.host.tenantId();
    const live = this.live ? { available: this.live.available(), directories: this.live.directories } : undefined;
    const chosen = inputs ?? (await pickMatchInputs(vscode.Uri.joinPath(this.map, '..'), live).catch(() => undefined));
    if (!chosen) return false;
    const { review, warnings } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Matching identities…') },
      () => matchDirectories(chosen, tenantId, this.map),
    );
    for (const w of warnings) log.warn(w);
    this.reviews.set(this.map.toString(), { review, inputs: chosen });
    await this.remember();
    this.filter = 'all';
    await this.postProposals();
    const c = review.counts().pending;
    await this.host.post({
      type: 'notice',
      severity: 'info',
      message: vscode.l10n.t(
        '{0} matched, {1} suggested (display name), {2} ambiguous, {3} conflicts, {4} unmatched. Review them in the matching panel.',
        c.matched,
        c.suggested,
        c.ambiguous,
        c.conflict,
        c.unmatched,
      ),
    });
    return true;
  }

  private async accept(ids: readonly number[]): Promise<boolean> {
    const review = this.review;
    if (!review) return false;
    const result = review.accept(ids, this.host.mappedSources());
    if (!(await this.appendAccepted(review, result.rows, result.accepted, vscode.l10n.t('add the accepted rows')))) return false;
    const parts = [result.rows.length === 1 ? vscode.l10n.t('Added 1 row.') : vscode.l10n.t('Added {0} rows.', result.rows.length)];
    if (result.skipped) parts.push(vscode.l10n.t('{0} already in the map (skipped).', result.skipped));
    if (result.needChoice) parts.push(vscode.l10n.t('{0} ambiguous or conflicting: use Choose… on each.', result.needChoice));
    await this.host.post({ type: 'notice', severity: result.needChoice ? 'warning' : 'info', message: parts.join(' ') });
    return true;
  }

  private async reject(ids: readonly number[]): Promise<boolean> {
    const review = this.review;
    if (!review) return false;
    review.mark(ids, 'rejected');
    await this.postProposals();
    await this.remember();
    return true;
  }

  private async choose(id: number): Promise<boolean> {
    const review = this.review;
    const proposal = review?.proposals[id];
    if (!review || !proposal?.candidates?.length) return false;
    const items = proposal.candidates.map((c, i) => ({
      label: 'userPrincipalName' in c ? c.userPrincipalName : c.id,
      description: c.displayName ?? '',
      index: i,
    }));
    const source = proposal.kind === 'User' ? proposal.source.userPrincipalName : proposal.source.id;
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Target for {0}', source),
      placeHolder: vscode.l10n.t('{0} by {1}: choose the right one', proposal.status, proposal.rule ?? ''),
    });
    if (!picked) return false;
    return this.chooseCandidate(id, picked.index);
  }

  /** Adds the row for one candidate of an ambiguous or conflicting proposal. */
  async chooseCandidate(id: number, candidate: number): Promise<boolean> {
    const review = this.review;
    const row = review?.choose(id, candidate);
    if (!review || !row) return false;
    return this.appendAccepted(review, [row], [id], vscode.l10n.t('add the chosen row'));
  }

  /** Appends accepted proposals' rows in one edit and marks them accepted once the edit is in. */
  private async appendAccepted(review: MatchReview, rows: string[][], ids: number[], label: string): Promise<boolean> {
    if (rows.length && !(await this.host.appendRows(rows, label))) return false;
    review.mark(ids, 'accepted');
    await this.postProposals();
    return true;
  }
}
