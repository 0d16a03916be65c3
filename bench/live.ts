/**
 * Live mode's directory sync against the simulated cloud (in a process of its own, as a real service
 * would be): 100,000 users per tenant, 50 ms latency per Graph request, both tenants in parallel.
 * The floor is Graph's own paging: pages come one after another (each next link comes with the
 * page before it), so a tenant cannot sync faster than pages × latency. Then the same with 10 % of
 * the requests answered 429: every user must still arrive exactly once. Memory is this process's.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:https';
import type { TenantRole } from '../src/core/live/liveTypes';
import { LiveHttp } from '../src/services/live/liveHttp';
import { GraphDirectory } from '../src/services/live/graphDirectory';
import { MsalTokenSource } from '../src/services/live/msalTokenSource';
import { reusableToken } from '../src/services/live/reusableToken';
import { printResults, type BenchResult } from './resultsTable';

const USERS = Number(process.env.ODM_BENCH_LIVE_USERS ?? 100_000);
const LATENCY = 50;

interface Simulator {
  url: string;
  ca: string;
  controlToken: string;
  tenantIds: Record<TenantRole, string>;
  users: Record<TenantRole, number>;
}

function control(sim: Simulator, what: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      `${sim.url}/control/${what}`,
      {
        method: 'POST',
        agent: new Agent({ ca: sim.ca }),
        headers: { 'x-odm-control-token': sim.controlToken, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '..', 'scripts', 'live-simulator.ts'), '--users', String(USERS)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const sim = await new Promise<Simulator>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Simulator));
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  });
  const results: BenchResult[] = [];
  try {
    const http = new LiveHttp({ ca: sim.ca, retry: { attempts: 10, baseDelayMs: 20, maxDelayMs: 1000 } });
    const secrets = new Map<string, string>();
    const tokens = new MsalTokenSource({
      authorityBase: `${sim.url}/login`,
      graphBaseUrl: `${sim.url}/graph`,
      registration: (role) => ({ clientId: `bench-${role}`, tenant: sim.tenantIds[role] }),
      secrets: {
        get: async (k) => secrets.get(k),
        store: async (k, v) => void secrets.set(k, v),
        delete: async (k) => void secrets.delete(k),
      },
      http,
      interaction: 'deviceCode',
      onDeviceCode: (info) => void control(sim, 'approve', { userCode: info.userCode, side: info.role }),
      checkTenant: (role, tid) => {
        if (tid !== sim.tenantIds[role].toLowerCase()) throw new Error(`wrong tenant for ${role}`);
      },
    });
    const directory = (role: TenantRole) =>
      new GraphDirectory({
        http,
        graphBaseUrl: `${sim.url}/graph`,
        token: reusableToken((forceRefresh) => tokens.token(role, { kind: 'graph' }, { forceRefresh })),
      });
    // Signed in first (not timed): the sync measures Graph only.
    await tokens.token('source', { kind: 'graph' });
    await tokens.token('target', { kind: 'graph' });
    const pages = Math.ceil(Math.max(sim.users.source, sim.users.target) / 999);
    const floor = pages * LATENCY;
    // Each round starts from a collected heap (run with --expose-gc, as `npm run bench` does), so the peak is the sync's own.
    const collect = () => (globalThis as { gc?: () => void }).gc?.();
    collect();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const once = (list: Array<{ id?: string }>, n: number) => list.length === n && new Set(list.map((u) => u.id)).size === n;

    await control(sim, 'faults', { latencyMs: LATENCY });
    let started = performance.now();
    // Each round's users are let go before the next (a sync holds one copy of each directory).
    const wall = await (async () => {
      const [s, t] = await Promise.all([directory('source').users(), directory('target').users()]);
      const ms = performance.now() - started;
      if (!once(s, sim.users.source) || !once(t, sim.users.target)) throw new Error('not every user arrived exactly once');
      return ms;
    })();
    results.push({
      name: `sync ${USERS.toLocaleString('en-US')} users per tenant, both in parallel, 50 ms per request (${pages} pages each; floor ${floor} ms)`,
      value: wall,
      target: floor * 1.25,
      unit: 'ms',
    });
    results.push({ name: '  as a multiple of the paging floor', value: wall / floor, target: 1.25, unit: '×' });

    collect();
    await control(sim, 'faults', { latencyMs: LATENCY, throttleRate: 0.1, retryAfterSeconds: 0, seed: 3 });
    started = performance.now();
    const { throttledWall, every } = await (async () => {
      const [s, t] = await Promise.all([directory('source').users(), directory('target').users()]);
      return { throttledWall: performance.now() - started, every: once(s, sim.users.source) && once(t, sim.users.target) };
    })();
    await control(sim, 'faults', {});
    results.push({
      name: '  with 10 % of requests answered 429: every user exactly once (1 = yes)',
      value: every ? 1 : 0,
      target: Infinity,
      unit: '',
    });
    if (!every) throw new Error('with 429s, some users did not arrive exactly once');
    results.push({
      name: '  with 10 % of requests answered 429: wall time (information)',
      value: throttledWall,
      target: Infinity,
      unit: 'ms',
    });
    clearInterval(sampler);
    results.push({
      name: 'peak memory of the syncing process (both tenants’ 200,000 users held)',
      value: peakRss / 1024 / 1024,
      target: 400,
      unit: 'MB',
    });
    results.push({
      name: '  of which before the sync (Node, tsx, msal-node, axios; information)',
      value: baselineRss / 1024 / 1024,
      target: Infinity,
      unit: 'MB',
    });
  } finally {
    child.stdin!.end();
  }
  console.log(`\nLive mode, directory sync against the simulated cloud (another process), node ${process.version}:\n`);
  printResults(results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
