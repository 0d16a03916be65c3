/** The table the browser benchmarks print: name, measured value, target (or information); over a target fails the run. */
export interface BenchResult {
  name: string;
  value: number;
  target: number;
  unit: string;
}

export function printResults(results: readonly BenchResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(width)}  measured   target`);
  for (const r of results) {
    const ok = r.value <= r.target;
    console.log(
      `${r.name.padEnd(width)}  ${`${r.value.toFixed(1)} ${r.unit}`.padEnd(9)}  ${Number.isFinite(r.target) ? `≤ ${r.target} ${r.unit}${ok ? '' : '  OVER'}` : '(info)'}`,
    );
    if (!ok) process.exitCode = 1;
  }
}
