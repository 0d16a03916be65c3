/**
 * Rows the host sent, in blocks of view positions. The grid asks for the blocks around what it
 * shows; while a new version is on its way, the previous version's rows stay visible (when the
 * same query produced them), so an edit never blanks the screen.
 */
export const BLOCK = 100;

export class WindowCache<T> {
  private blocks = new Map<number, T[]>();
  private stale = new Map<number, T[]>();
  private readonly inflight = new Set<number>();
  private waiters: Array<{ from: number; to: number; resolve: () => void }> = [];
  version = -1;
  total = 0;

  constructor(private readonly request: (version: number, start: number, count: number) => void) {}

  /** A new view: `keep` when it only re-versions the same query (rows may still be shown meanwhile). */
  reset(version: number, total: number, keep: boolean): void {
    this.stale = keep ? (this.blocks.size ? this.blocks : this.stale) : new Map<number, T[]>();
    this.blocks = new Map<number, T[]>();
    this.inflight.clear();
    this.version = version;
    this.total = total;
  }

  get(position: number): { item: T; fresh: boolean } | undefined {
    const b = Math.floor(position / BLOCK);
    const fresh = this.blocks.get(b)?.[position - b * BLOCK];
    if (fresh !== undefined) return { item: fresh, fresh: true };
    const old = this.stale.get(b)?.[position - b * BLOCK];
    return old === undefined ? undefined : { item: old, fresh: false };
  }

  /** Asks for the blocks covering [from, to] that are neither here nor on their way. */
  ensure(from: number, to: number): void {
    if (!this.total) return;
    const last = Math.min(to, this.total - 1);
    for (let b = Math.floor(Math.max(0, from) / BLOCK); b <= Math.floor(last / BLOCK); b++) {
      if (this.blocks.has(b) || this.inflight.has(b)) continue;
      this.inflight.add(b);
      this.request(this.version, b * BLOCK, BLOCK);
    }
  }

  /** Resolves once every row in [from, to] is loaded (used by range selection). */
  load(from: number, to: number): Promise<void> {
    this.ensure(from, to);
    return new Promise((resolve) => {
      this.waiters.push({ from, to: Math.min(to, this.total - 1), resolve });
      this.settle();
    });
  }

  receive(version: number, start: number, items: T[]): boolean {
    if (version !== this.version) return false;
    const b = Math.floor(start / BLOCK);
    this.inflight.delete(b);
    this.blocks.set(b, items);
    this.settle();
    return true;
  }

  /** Replaces one loaded item (an optimistic edit shown before the host confirms it). */
  update(position: number, item: T): void {
    const b = Math.floor(position / BLOCK);
    const block = this.blocks.get(b);
    if (block && block[position - b * BLOCK] !== undefined) block[position - b * BLOCK] = item;
  }

  private settle(): void {
    this.waiters = this.waiters.filter((w) => {
      for (let b = Math.floor(w.from / BLOCK); b <= Math.floor(w.to / BLOCK); b++) if (!this.blocks.has(b)) return true;
      w.resolve();
      return false;
    });
  }
}
