/**
 * The editor benchmark's timings, read by bench/editor.ts as window.__odmPerf. They exist only when
 * the host's init message says the extension runs under test (ODM_TEST_HOOKS=1): in normal use the
 * webview measures nothing and leaves no global behind.
 */
import type { MapHostMessage } from '../identityMapProtocol';
import type { Grid } from './grid';

export interface Perf {
  /** When the first real rows were painted (performance.now() of the webview). */
  firstRowsAt?: number;
  /** Filter latencies: input event → the new rows painted. */
  filters: number[];
  renderTimes: number[];
  /** When the script started, the editor opened (the host's stamp), the first view and the first rows arrived (for the benchmark's breakdown). */
  marks: Record<string, number>;
}

declare global {
  interface Window {
    __odmPerf?: Perf;
  }
}

export class BenchmarkTimings {
  private readonly perf: Perf;
  private firstRowsPending = true;
  private filterStarted: number | undefined;

  /**
   * The timings when the init message turns them on, else undefined. It comes from the host, but
   * is checked like input all the same: on only for `true`, the stamp only if it is a time.
   */
  static fromInit(
    init: Extract<MapHostMessage, { type: 'init' }>,
    scriptStart: number,
    grid: Grid,
    showsNewestQuery: () => boolean,
  ): BenchmarkTimings | undefined {
    if (init.testHooks !== true) return undefined;
    const openedAt = typeof init.openedAt === 'number' && Number.isFinite(init.openedAt) && init.openedAt > 0 ? init.openedAt : undefined;
    return new BenchmarkTimings(scriptStart, grid, showsNewestQuery, openedAt);
  }

  /** `showsNewestQuery`: the grid's view is the answer to the newest query (a filter has arrived). */
  private constructor(
    scriptStart: number,
    private readonly grid: Grid,
    private readonly showsNewestQuery: () => boolean,
    openedAt: number | undefined,
  ) {
    this.perf = { filters: [], renderTimes: [], marks: { script: scriptStart } };
    if (openedAt !== undefined) this.perf.marks.opened = openedAt - performance.timeOrigin;
    grid.renderTimes = this.perf.renderTimes;
    window.__odmPerf = this.perf;
  }

  /** The first time something arrived (the first view, the first rows). */
  mark(name: 'view' | 'rows'): void {
    this.perf.marks[name] ??= performance.now();
  }

  /** A filter or sort was asked for: its latency runs until its rows are painted. */
  queryStarted(): void {
    this.filterStarted = performance.now();
  }

  /** After each render of the grid. */
  rendered(): void {
    // Timestamps are taken in the next animation frame: the frame that paints what was rendered.
    if (this.firstRowsPending && this.grid.cache.total && this.grid.visibleRowsLoaded()) {
      this.firstRowsPending = false;
      requestAnimationFrame(() => (this.perf.firstRowsAt = performance.now()));
    }
    const started = this.filterStarted;
    if (started !== undefined && this.showsNewestQuery() && this.grid.visibleRowsLoaded()) {
      this.filterStarted = undefined;
      requestAnimationFrame(() => this.perf.filters.push(performance.now() - started));
    }
  }
}
