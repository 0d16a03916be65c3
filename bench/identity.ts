/**
 * Identity-map benchmarks, run in a child process of `npm run bench` so the peak memory is this
 * work's own: parse + validate 100,000 rows (and the ratio to a plain papaparse parse), and match
 * 100,000 source users against 100,000 target users.
 */
import Papa from 'papaparse';
import { performance } from 'node:perf_hooks';
import type { DirectoryUser } from '../src/core/identity/directory';
import { parseIdentityMap } from '../src/core/identity/identityMapFile';
import { matchUsers } from '../src/core/identity/matchIdentities';
import { validateIdentityMap } from '../src/core/identity/validateIdentityMap';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const N = 100_000;
const mode = process.argv[2];

/**
 * Median of several runs, each starting from a collected heap (node --expose-gc), so a run does not
 * pay for collecting the rows the previous run left behind. Applied to the baseline parse too.
 */
function median(fn: () => unknown, runs = 7): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

if (mode === 'map') {
  const rows: string[] = [];
  for (let i = 0; i < N; i++) {
    rows.push(
      i % 50 === 0
        ? `Group,${T},${guid(i)},${guid(i + N)},${guid(i + N)},RegularGroup`
        : `User,${T},user${i}@contoso.com,user${i}@fabrikam.com,user${i}@fabrikam.com,RegularUser`,
    );
  }
  const text = rows.join('\r\n') + '\r\n';
  const plain = median(() => Papa.parse(text, { delimiter: ',', newline: '\r\n' }));
  const full = median(() => validateIdentityMap(parseIdentityMap(text)));
  const problems = validateIdentityMap(parseIdentityMap(text)).length;
  console.log(JSON.stringify({ plain, full, problems, bytes: text.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const before = process.resourceUsage().maxRSS / 1024;
  const sources: DirectoryUser[] = [];
  const targets: DirectoryUser[] = [];
  for (let i = 0; i < N; i++) {
    // A realistic mix: some share an employeeId, some only a mail alias, most only the UPN local part.
    sources.push({
      userPrincipalName: `user${i}@contoso.com`,
      mail: `user${i}@contoso.com`,
      displayName: `User ${i}`,
      ...(i % 3 === 0 ? { employeeId: `E${i}` } : {}),
    });
    targets.push({
      userPrincipalName: `user${i}@fabrikam.com`,
      mail: `user${i}@fabrikam.com`,
      displayName: `User ${i}`,
      ...(i % 3 === 0 ? { employeeId: `E${i}` } : {}),
      ...(i % 5 === 0 ? { proxyAddresses: [`smtp:user${i}@contoso.com`] } : {}),
    });
  }
  const t = performance.now();
  const proposals = matchUsers(sources, targets, { sourceTenantId: T, domainMap: { 'contoso.com': 'fabrikam.com' } });
  const ms = performance.now() - t;
  const matched = proposals.filter((p) => p.status === 'matched').length;
  console.log(JSON.stringify({ ms, matched, baselineRssMb: before, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function guid(i: number): string {
  const h = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}
