/**
 * Live mode against the simulated cloud's HTTPS face: the retry policy, token claims and the tenant
 * binding (pure), then Graph paging with every fault kind and cancellation, and msal-node signing in
 * by device code and through a scripted browser, silently from its cache, refusing a token from the
 * wrong tenant, and forgetting on sign-out.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_RETRY, retryDelay } from '../../src/core/live/retryPolicy';
import { checkTenantBinding } from '../../src/core/live/tenantBinding';
import { tokenClaims } from '../../src/core/live/tokenClaims';
import { addSyntheticDirectory } from '../../src/simulator/syntheticDirectory';
import { LiveSimulatorServer } from '../../src/simulator/liveServer';
import { AbortedError, LiveHttp } from '../../src/services/live/liveHttp';
import { GraphDirectory, PartialSyncError, type GraphAccess } from '../../src/services/live/graphDirectory';
import { organization, rootSites } from '../../src/services/live/graphTenant';
import { MsalTokenSource, cacheKey, type SecretStore } from '../../src/services/live/msalTokenSource';
import { reusableToken } from '../../src/services/live/reusableToken';
import { examplePlan } from '../support/fixtures';
import { cloudWith, SOURCE_TENANT_ID } from '../support/simulatorFixtures';

const FAST = { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 };

describe('live mode: pure parts', () => {
  it('retries honour Retry-After (seconds or a date), else back off with jitter under a cap, and stop after the last attempt', () => {
    const half = () => 0.5;
    assert.equal(retryDelay(1, '3', DEFAULT_RETRY, half, 0), 3000);
    assert.equal(retryDelay(1, new Date(10_000).toUTCString(), DEFAULT_RETRY, half, 4000), 6000);
    assert.equal(retryDelay(1, '3600', DEFAULT_RETRY, half, 0), 30_000, 'capped');
    assert.equal(retryDelay(1, undefined, DEFAULT_RETRY, half, 0), 250);
    assert.equal(retryDelay(4, undefined, DEFAULT_RETRY, half, 0), 2000);
    assert.equal(
      retryDelay(5, undefined, DEFAULT_RETRY, () => 0.999, 0),
      7992,
    );
    assert.equal(retryDelay(6, '1', DEFAULT_RETRY, half, 0), undefined, 'the sixth attempt was the last');
  });

  it('reads the tid of a token, and nothing from what is not one', () => {
    const jwt = (p: object) => `x.${Buffer.from(JSON.stringify(p)).toString('base64url')}.y`;
    assert.deepEqual(tokenClaims(jwt({ tid: SOURCE_TENANT_ID.toUpperCase(), upn: 'a@b.c', exp: 5 })), {
      tid: SOURCE_TENANT_ID,
      upn: 'a@b.c',
      exp: 5,
    });
    assert.deepEqual(tokenClaims(jwt({ tid: 'not-a-guid' })), {});
    for (const bad of ['', 'a.b', 'a.!!!.c', `a.${Buffer.from('[1]').toString('base64url')}.c`, 'x'.repeat(20_000)])
      assert.equal(tokenClaims(bad), undefined, bad.slice(0, 20));
  });

  it('binds each role to its tenant: fills an empty tenant ID, refuses another tenant and the other role’s', () => {
    const plan = examplePlan();
    const target = 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c';
    assert.deepEqual(checkTenantBinding(plan, 'source', SOURCE_TENANT_ID), { ok: true });
    const other = checkTenantBinding(plan, 'source', target);
    assert.equal(other.ok, false);
    assert.match(!other.ok ? other.message : '', /but the plan's source tenant contoso is 7c3e2a91/);
    delete plan.target.tenantId;
    assert.deepEqual(checkTenantBinding(plan, 'target', target), { ok: true, fill: target });
    const same = checkTenantBinding(plan, 'target', SOURCE_TENANT_ID);
    assert.match(!same.ok ? same.message : '', /which is the plan's source tenant contoso: source and target must be two tenants/);
  });
});

/** Secret storage in memory, as VS Code's SecretStorage would hold it. */
function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => void data.set(k, v),
    delete: async (k) => void data.delete(k),
  };
}

/** One request as a browser sends it (HTTPS trusting the simulator's certificate; no redirects followed). */
function browserRequest(url: string, ca: string, form?: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? request : httpRequest;
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const req = send(
      u,
      {
        method: form ? 'POST' : 'GET',
        ...(u.protocol === 'https:' ? { agent: new Agent({ ca }) } : {}),
        ...(body ? { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The browser's part of the interactive sign-in: open the authorize page, submit the form it returns. */
async function scriptedBrowser(url: string, ca: string): Promise<void> {
  const page = await browserRequest(url, ca);
  assert.equal(page.status, 200, page.body);
  const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
  const fields = Object.fromEntries(
    [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
  );
  assert.ok(action && fields.code, 'the page posts a code back');
  await browserRequest(action!.replace(/&#38;/g, '&'), ca, fields);
}

describe('live mode: the target directory check', () => {
  it('names the mapped users and groups the target lacks, in the step 4 report’s shape, each once', async () => {
    const { targetDirectoryCheck } = await import('../../src/core/live/targetDirectoryCheck');
    const { MAP_ROWS } = await import('../support/simulatorFixtures');
    const users = MAP_ROWS.filter((r) => r.kind === 'User').map((r) => r.target);
    const present = users.slice(1).map((u, i) => ({ id: `id-${i}`, userPrincipalName: u.toUpperCase() }));
    const data = targetDirectoryCheck([...MAP_ROWS, MAP_ROWS[0]!], present, []);
    const missing = data.users.filter((u) => u.status === 'skipped').map((u) => u.target);
    assert.deepEqual(missing, [users[0]]);
    assert.equal(data.users.length, new Set(users.map((u) => u.toLowerCase())).size, 'each once');
    assert.ok(data.groups.length > 0 && data.groups.every((g) => g.status === 'skipped' && g.error?.startsWith('missing')));
  });
});

describe('the simulated sign-in page', () => {
  it('approves a waiting device code for the account chosen; a demo approves its own client IDs at once', async () => {
    const { IdentityFace } = await import('../../src/simulator/identityFace');
    const cloud = cloudWith();
    const face = new IdentityFace(
      cloud,
      () => 'https://sim/login',
      () => 0,
      { autoApprove: { 'demo-app': 'target' } },
    );
    const tid = cloud.tenant('source').tenantId;
    const ask = (clientId: string) =>
      face.handle({
        method: 'POST',
        path: `/${tid}/oauth2/v2.0/devicecode`,
        query: new URLSearchParams(),
        form: new URLSearchParams({ client_id: clientId, scope: 'https://graph/.default' }),
      }).body as { user_code: string; device_code: string };
    const poll = (clientId: string, deviceCode: string) =>
      face.handle({
        method: 'POST',
        path: `/${tid}/oauth2/v2.0/token`,
        query: new URLSearchParams(),
        form: new URLSearchParams({ client_id: clientId, grant_type: 'device_code', device_code: deviceCode }),
      });
    const pending = ask('app');
    assert.equal((poll('app', pending.device_code).body as { error: string }).error, 'authorization_pending');
    const page = face.handle({ method: 'GET', path: '/devicelogin', query: new URLSearchParams(), form: new URLSearchParams() });
    assert.match(page.html!, /<form method="post">/);
    const approved = face.handle({
      method: 'POST',
      path: '/devicelogin',
      query: new URLSearchParams(),
      form: new URLSearchParams({ user_code: pending.user_code.toLowerCase(), side: 'source' }),
    });
    assert.match(approved.html!, /Signed in to the source tenant contoso as admin@contoso\.onmicrosoft\.com/);
    assert.equal(poll('app', pending.device_code).status, 200);
    const demo = ask('demo-app');
    const token = poll('demo-app', demo.device_code);
    assert.equal(token.status, 200, 'approved at once');
    assert.equal(face.issued.get((token.body as { access_token: string }).access_token)!.side, 'target');
  });
});

describe('live mode against the simulated cloud', { timeout: 120_000 }, () => {
  const cloud = cloudWith();
  addSyntheticDirectory(cloud, 'source', { users: 2500, groups: 30 });
  addSyntheticDirectory(cloud, 'target', { users: 1200 });
  const server = new LiveSimulatorServer(cloud);
  let http: LiveHttp;
  const plan = examplePlan();

  before(async () => {
    await server.start();
    http = new LiveHttp({ ca: server.ca, retry: FAST });
  });
  after(() => server.close());

  function tokens(options: Partial<ConstructorParameters<typeof MsalTokenSource>[0]> = {}) {
    const secrets = memorySecrets();
    const codes: string[] = [];
    const source = new MsalTokenSource({
      authorityBase: server.authorityBase,
      graphBaseUrl: server.graphBase,
      registration: (role) => ({ clientId: `client-${role}`, tenant: role === 'source' ? SOURCE_TENANT_ID : 'organizations' }),
      secrets,
      http,
      interaction: 'deviceCode',
      // The admin approves in "the browser": here, the simulator is told so.
      onDeviceCode: (info) => {
        codes.push(info.userCode);
        server.identity.approveDevice(info.userCode, info.role);
      },
      checkTenant: (role, tid) => {
        const b = checkTenantBinding(plan, role, tid);
        if (!b.ok) throw new Error(b.message);
      },
      ...options,
    });
    return { source, secrets, codes };
  }

  const access = (source: MsalTokenSource, role: 'source' | 'target', extra: Partial<GraphAccess> = {}): GraphAccess => ({
    http,
    graphBaseUrl: server.graphBase,
    token: async () => (await source.token(role, { kind: 'graph' })).value,
    ...extra,
  });

  /** A live session (the extension's composition) against the simulator; device codes approved at once. */
  async function simSession(clientIds: { source: string; target: string }) {
    const { createLiveSession } = await import('../../src/services/live/liveSession');
    return createLiveSession(
      {
        authorityBase: server.authorityBase,
        graphBaseUrl: server.graphBase,
        sharePointBaseUrl: server.sharePointBase,
        clientIds,
        extraCertificate: server.ca,
        interaction: 'deviceCode',
      },
      { plan: () => plan, secrets: memorySecrets(), onDeviceCode: (info) => server.identity.approveDevice(info.userCode, info.role) },
    );
  }

  it('device code: signs in to the source, the token carries its tenant, the next one comes from the cache', async () => {
    const { source, secrets, codes } = tokens();
    const t = await source.token('source', { kind: 'graph' });
    assert.equal(t.tenantId, SOURCE_TENANT_ID);
    assert.equal(t.username, 'admin@contoso.onmicrosoft.com');
    assert.equal(codes.length, 1);
    assert.ok(secrets.data.get(cacheKey('source'))?.includes('RefreshToken'), 'the cache is in secret storage');
    const again = await source.token('source', { kind: 'graph' });
    assert.equal(source.interactions, 1, 'no second sign-in');
    assert.equal(again.value, t.value);
    // Another audience for the same account: silently, with the refresh token.
    const spo = await source.token('source', { kind: 'sharepointAdmin', adminUrl: 'https://contoso-admin.sharepoint.com' });
    assert.equal(source.interactions, 1);
    assert.notEqual(spo.value, t.value);
    await source.signOut('source');
    assert.equal(secrets.data.has(cacheKey('source')), false, 'sign-out clears the role’s cache');
    await source.token('source', { kind: 'graph' });
    assert.equal(source.interactions, 2);
  });

  it('interactive: the system browser is scripted; the code comes back to msal-node’s loopback with PKCE', async () => {
    server.identity.signInAs = 'target';
    const { source } = tokens({
      interaction: 'interactive',
      openBrowser: (url) => scriptedBrowser(url, server.ca),
    });
    const t = await source.token('target', { kind: 'graph' });
    assert.equal(t.username, 'admin@fabrikam.onmicrosoft.com');
    assert.equal(t.tenantId, cloud.tenant('target').tenantId.toLowerCase());
    server.identity.signInAs = 'source';
  });

  it('a token from the wrong tenant is refused before any call', async () => {
    server.identity.options.wrongTenantFor = 'source';
    try {
      const { source } = tokens();
      await assert.rejects(source.token('source', { kind: 'graph' }), /but the plan's source tenant contoso is 7c3e2a91/);
    } finally {
      delete server.identity.options.wrongTenantFor;
    }
  });

  it('reads the organisation and every user and group, 999 a page, each once', async () => {
    const { source } = tokens();
    const org = await organization(access(source, 'source'));
    assert.equal(org.tenantId, SOURCE_TENANT_ID);
    assert.deepEqual(
      org.verifiedDomains.map((d) => d.name),
      ['contoso.onmicrosoft.com', 'contoso.com'],
    );
    const before = server.graph.requests;
    const progress: number[] = [];
    const users = await new GraphDirectory(access(source, 'source', { onProgress: (_, n) => progress.push(n) })).users();
    const total = Object.keys(cloud.tenant('source').users).length;
    assert.equal(users.length, total);
    assert.equal(new Set(users.map((u) => u.id)).size, total);
    assert.equal(server.graph.requests - before, Math.ceil(total / 999));
    assert.deepEqual(progress, [999, 1998, total]);
    const someone = users.find((u) => u.userPrincipalName === 'user12@contoso.com')!;
    assert.equal(someone.employeeId, 'E0000012');
    assert.deepEqual(someone.proxyAddresses, ['SMTP:user12@contoso.com']);
    assert.equal((await new GraphDirectory(access(source, 'source')).groups()).length, Object.keys(cloud.tenant('source').groups).length);
  });

  it('a second sync reads only what changed (delta query), and keeps every user once', async () => {
    const { DeltaUsers } = await import('../../src/services/live/graphDirectory');
    const { source } = tokens();
    const delta = new DeltaUsers();
    const directory = new GraphDirectory(access(source, 'target'), delta);
    const total = Object.keys(cloud.tenant('target').users).length;
    assert.equal((await directory.users()).length, total);
    assert.equal(delta.lastPages, Math.ceil(total / 999));
    cloud.createUser('target', {
      upn: 'new.hire@fabrikam.com',
      mail: 'new.hire@fabrikam.com',
      displayName: 'New Hire',
      userType: 'Member',
      licensed: true,
      geography: 'NAM',
    });
    const again = await directory.users();
    assert.equal(again.length, total + 1);
    assert.equal(delta.lastPages, 1, 'one page: only the new user');
    assert.ok(again.some((u) => u.userPrincipalName === 'new.hire@fabrikam.com'));
    assert.equal((await directory.users()).length, total + 1, 'nothing changed: the same users');
  });

  it('the tenant as Graph describes it becomes a plan edit: what is known is kept, what is missing is proposed', async () => {
    const { planFacts } = await import('../../src/core/live/planFacts');
    const { source } = tokens();
    const a = access(source, 'source');
    const roots = await rootSites(a);
    assert.deepEqual(
      roots.map((r) => [r.webUrl, r.dataLocationCode]),
      [
        ['https://contoso.sharepoint.com', 'NAM'],
        ['https://contosoeur.sharepoint.com', 'EUR'],
        ['https://contosoapc.sharepoint.com', 'APC'],
      ],
    );
    const org = await organization(a);
    const same = planFacts(plan, 'source', org, roots);
    assert.deepEqual(same.changes, [], 'the example already says all of it');
    const sparse = examplePlan();
    delete sparse.source.tenantId;
    sparse.source.geographies = sparse.source.geographies.filter((g) => g.code === 'NAM');
    delete sparse.source.geographies[0]!.hostUrl;
    const facts = planFacts(sparse, 'source', org, roots);
    assert.deepEqual(facts.changes, [
      `tenant ID: (none) → ${SOURCE_TENANT_ID}`,
      'geography NAM: host URL (none) → https://contoso-my.sharepoint.com',
      'geography EUR: added (https://contosoeur-admin.sharepoint.com)',
      'geography APC: added (https://contosoapc-admin.sharepoint.com)',
    ]);
    assert.deepEqual(
      facts.tenant.geographies.map((g) => g.code),
      ['NAM', 'EUR', 'APC'],
    );
  });

  it('with 10 % of requests answered 429, and 503s and malformed bodies, every user still arrives exactly once', async () => {
    const { source } = tokens();
    await source.token('source', { kind: 'graph' });
    server.setFaults({ throttleRate: 0.1, retryAfterSeconds: 0, unavailableRate: 0.1, malformedRate: 0.1, seed: 7 });
    const injectedBefore = { ...server.injected };
    try {
      const users = await new GraphDirectory(access(source, 'source')).users();
      const total = Object.keys(cloud.tenant('source').users).length;
      assert.equal(users.length, total);
      assert.equal(new Set(users.map((u) => u.id)).size, total);
      assert.ok(
        server.injected.throttled + server.injected.unavailable + server.injected.malformed >
          Object.values(injectedBefore).reduce((a, b) => a + b, 0),
        'faults were injected',
      );
    } finally {
      server.setFaults({});
    }
  });

  it('an expired token is refreshed once (msal-node asked to refresh, not to sign in again), and the sync goes on', async () => {
    server.identity.options.tokenLifetimeSeconds = 1;
    try {
      const { source } = tokens();
      const first = await source.token('source', { kind: 'graph' });
      server.identity.options.tokenLifetimeSeconds = 3600;
      await new Promise((r) => setTimeout(r, 1100));
      const asked: boolean[] = [];
      // The clock says the first token is still fresh: only the 401 tells it is not.
      const token = reusableToken(
        (forceRefresh) => {
          asked.push(forceRefresh);
          return asked.length === 1 ? Promise.resolve(first) : source.token('source', { kind: 'graph' }, { forceRefresh });
        },
        () => 0,
      );
      const users = await new GraphDirectory({ http, graphBaseUrl: server.graphBase, token }).users();
      assert.deepEqual(asked, [false, true]);
      assert.equal(source.interactions, 1, 'refreshed with the refresh token, no new sign-in');
      assert.equal(users.length, Object.keys(cloud.tenant('source').users).length);
    } finally {
      server.identity.options.tokenLifetimeSeconds = 3600;
    }
  });

  it('the CLI signs in by device code, keeps the cache only for the user, and logs out', async () => {
    const { runCli } = await import('../../src/cli/main');
    const { mkdtempSync, writeFileSync, readdirSync, statSync, cpSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { EXAMPLE_DIR } = await import('../support/fixtures');
    const dir = mkdtempSync(path.join(tmpdir(), 'odm-cli-live-'));
    cpSync(EXAMPLE_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, 'simulator.pem'), server.ca);
    const cache = path.join(dir, 'cache');
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => {
        err.push(l);
        const code = /enter the code (\S+)/.exec(l)?.[1];
        if (code) server.identity.approveDevice(code, 'source');
      },
      cwd: dir,
      now: new Date('2026-11-28T00:00:00Z'),
    };
    const args = [
      'onedrive-migration.json',
      '--client-id',
      'cli-app',
      '--authority',
      server.authorityBase,
      '--graph',
      server.graphBase,
      '--ca',
      'simulator.pem',
      '--cache-dir',
      'cache',
    ];
    assert.equal(await runCli(['login', 'source', ...args], io), 0, err.join('\n'));
    assert.match(
      out.join('\n'),
      /^Signed in to the source tenant contoso \(7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03\) as admin@contoso\.onmicrosoft\.com\.$/m,
    );
    assert.match(err.join('\n'), /devicelogin and enter the code/);
    const files = readdirSync(cache);
    assert.deepEqual(files, ['onedriveMigration.msal.source.json']);
    assert.equal(statSync(path.join(cache, files[0]!)).mode & 0o777, 0o600);
    assert.ok(!out.join('\n').includes('eyJ') && !err.join('\n').includes('eyJ'), 'no token printed');
    assert.equal(await runCli(['login', 'sideways', ...args], io), 64);
    assert.equal(await runCli(['logout', 'source', '--cache-dir', 'cache'], io), 0);
    assert.deepEqual(readdirSync(cache), []);
  });

  it('SharePoint admin: redirect sites and existing target OneDrives become result files the import reads', async () => {
    const { readResult } = await import('../../src/core/results/readResult');
    const { ingestResults } = await import('../../src/core/results/ingestResults');
    const now = new Date('2026-11-20T10:00:00Z');
    const add = (side: 'source' | 'target', url: string, template: string, geography = 'NAM') =>
      (cloud.tenant(side).sites[url.toLowerCase()] = {
        url,
        template,
        owner: 'someone',
        geography,
        lastContentModifiedDate: '2026-11-19T00:00:00Z',
      });
    for (let i = 0; i < 620; i++) add('source', `https://contoso-my.sharepoint.com/personal/moved${i}_contoso_com`, 'RedirectSite#0');
    add('target', 'https://fabrikam-my.sharepoint.com/personal/adele_vance_fabrikam_com', 'SPSPERS#10');
    const session = await simSession({ source: 'app-s', target: 'app-t' });
    const before = server.sharePoint.requests;
    const redirects = await session.redirectSitesResult(plan, 'source', 'NAM', now);
    assert.equal(server.sharePoint.requests - before, 2, '620 sites: two pages of 500');
    assert.equal(redirects.name, 'source-NAM-redirectSites-20261120T100000000Z.json');
    const loaded = readResult(redirects.name, redirects.text);
    assert.deepEqual(loaded.problems, []);
    const listed = loaded.result!.kind === 'redirectSites' ? loaded.result!.data.sites : [];
    assert.equal(listed.filter((x) => x.url.includes('/personal/moved')).length, 620);
    const check = await session.targetOneDriveCheckResult(plan, 'NAM', ['adele.vance@fabrikam.com', 'alex.wilber@fabrikam.com'], now);
    const outcome = ingestResults(plan, [readResult(check.name, check.text)], { now });
    assert.deepEqual(outcome.targetOneDriveChecks, [
      { geography: 'NAM', createdAt: '2026-11-20T10:00:00.000Z', checkedUsers: 2, conflicts: 1 },
    ]);
    assert.match(
      outcome.problems.map((p) => p.problem.message).join('\n'),
      /adele\.vance@fabrikam\.com already has a OneDrive on the target/,
    );
    // A source token is no key to the target's admin host.
    const wrong = session.sharePoint('source', 'https://fabrikam-admin.sharepoint.com');
    const { listSites } = await import('../../src/services/live/sharePointSites');
    await assert.rejects(listSites(wrong, 'https://fabrikam-admin.sharepoint.com', { template: '', includePersonalSites: false }), /403/);
  });

  it('Graph (beta) moves: the map as mappings 50 at a time, tasks with validateOnly, states read 20 a $batch, a cancel; results the import reads', async () => {
    const { uploadMappings, createMoveTasks, readMoveTasks, cancelMoveTask } = await import('../../src/services/live/graphMoves');
    const { liveResultFile } = await import('../../src/core/live/liveResults');
    const { readResult } = await import('../../src/core/results/readResult');
    const { ingestResults } = await import('../../src/core/results/ingestResults');
    const { MAP_ROWS } = await import('../support/simulatorFixtures');
    const { source } = tokens();
    const DAY = 24 * 3600_000;
    // Both trusts of NAM → NAM set long enough ago (the model's own rules decide what the tasks may do).
    cloud.setRelationship({ side: 'source', geography: 'NAM' }, 'Target', cloud.hostUrl({ side: 'target', geography: 'NAM' }));
    cloud.setRelationship({ side: 'target', geography: 'NAM' }, 'Source', cloud.hostUrl({ side: 'source', geography: 'NAM' }));
    cloud.advance(8 * DAY);
    for (const upn of ['isaiah.langer@fabrikam.com', 'alex.wilber@fabrikam.com'])
      if (!cloud.user('target', upn))
        cloud.createUser('target', { upn, mail: upn, displayName: upn, userType: 'Member', licensed: true, geography: 'NAM' });
    const extra = Array.from({ length: 110 }, (_, i) => ({
      ...MAP_ROWS[0]!,
      line: 100 + i,
      source: `user${i}@contoso.com`,
      target: `user${i}@fabrikam.com`,
      nameOrEmail: `user${i}@fabrikam.com`,
    }));
    const before = server.graph.requests;
    const sent = await uploadMappings(access(source, 'target'), [...MAP_ROWS, ...extra]);
    const userRows = MAP_ROWS.filter((r) => r.kind === 'User').length + extra.length;
    assert.equal(sent.users, userRows);
    assert.equal(server.graph.requests - before, Math.ceil(userRows / 50) + Math.ceil(sent.groups / 50), '50 items a request');
    assert.equal(cloud.tenant('target').identityMaps.NAM!.users['isaiah.langer@contoso.com']!.target, 'isaiah.langer@fabrikam.com');

    const now = () => cloud.now;
    const isaiah = {
      source: 'isaiah.langer@contoso.com',
      target: 'isaiah.langer@fabrikam.com',
      targetHostUrl: 'https://fabrikam-my.sharepoint.com',
    };
    const alex = {
      source: 'alex.wilber@contoso.com',
      target: 'alex.wilber@fabrikam.com',
      targetHostUrl: 'https://fabrikam-my.sharepoint.com',
    };
    const validated = await createMoveTasks(access(source, 'source'), [isaiah], true, now);
    assert.deepEqual(
      validated.map((e) => [e.status, e.error]),
      [['validated', null]],
    );
    // Isaiah twice: the second is refused (his move is under way), and costs that request only.
    const queued = await createMoveTasks(access(source, 'source'), [isaiah, alex, isaiah], false, now);
    assert.deepEqual(
      queued.map((e) => e.status),
      ['queued', 'queued', 'failed'],
      JSON.stringify(queued),
    );
    assert.match(queued[2]!.error!, /422 MnASiteMoveIsInprogressOrFinished/);
    await cancelMoveTask(access(source, 'source'), alex.source);
    cloud.advance(30 * DAY);
    const beforeBatch = server.graph.requests;
    const users = [isaiah.source, alex.source, ...Array.from({ length: 25 }, (_, i) => `user${i}@contoso.com`)];
    const states = await readMoveTasks(access(source, 'source'), users);
    assert.equal(
      server.graph.requests - beforeBatch,
      2 + users.length,
      'two $batch requests (each inner request counted too) for 27 users',
    );
    assert.deepEqual(
      states.map((e) => [e.sourceUserPrincipalName, e.state]),
      [
        [isaiah.source, 'Success'],
        [alex.source, 'Stopped'],
      ],
    );
    // As a moveState result file, the import folds it into the plan.
    const file = liveResultFile(plan, 'source', 'NAM', 'moveState', { entries: states }, cloud.now);
    const folded = ingestResults(plan, [readResult(file.name, file.text)], { now: cloud.now });
    assert.equal(folded.plan.moves!['isaiah.langer@contoso.com']!.state, 'Success');
    assert.equal(folded.plan.moves!['alex.wilber@contoso.com']!.state, 'Stopped');
  });

  it('licences: a move needs the add-on on its source or its target user; the SKU is found by part number in either tenant', async () => {
    const { licenceCheck } = await import('../../src/core/live/licenceCheck');
    // Pure: either side is enough.
    const sku = ['946ce899-873d-44bb-9d8b-671870cbfdbf'];
    const pure = licenceCheck(
      [{ source: 'a@c.com', target: 'a@f.com' }, { source: 'b@c.com', target: 'b@f.com' }, { source: 'c@c.com' }],
      [{ userPrincipalName: 'A@c.com', skuIds: sku }],
      [{ userPrincipalName: 'b@f.com', skuIds: sku }],
      sku,
    );
    assert.deepEqual(pure, { skuId: sku[0], checked: 3, unlicensed: ['c@c.com'] });
    // Against the simulated cloud: Diego has it on neither side.
    cloud.tenant('source').users['diego.siciliani@contoso.com']!.licensed = false;
    const fabrikamDiego = cloud.tenant('target').users['diego.siciliani@fabrikam.com'];
    if (fabrikamDiego) fabrikamDiego.licensed = false;
    const session = await simSession({ source: 'lic-s', target: 'lic-t' });
    const check = await session.licenceCheck(plan, (s) => s.replace('@contoso.com', '@fabrikam.com'), 'Cross_tenant_user_data_migration');
    assert.equal(check.checked, 10);
    assert.ok(check.unlicensed.includes('diego.siciliani@contoso.com'), JSON.stringify(check));
    assert.equal((await session.licenceCheck(plan, () => undefined, 'No_such_sku')).skuId, undefined);
  });

  it('a failure after some pages reports what arrived; a cancellation stops at once', async () => {
    const { source } = tokens();
    await source.token('source', { kind: 'graph' });
    const fragile = new LiveHttp({ ca: server.ca, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    let pagesSeen = 0;
    const failing = new GraphDirectory({
      ...access(source, 'source'),
      http: fragile,
      onProgress: () => {
        if (++pagesSeen === 1) server.setFaults({ unavailableRate: 1 });
      },
    });
    try {
      await assert.rejects(
        failing.users(),
        (e: unknown) => e instanceof PartialSyncError && e.arrived === 999 && /stopped after 999/.test(e.message),
      );
    } finally {
      server.setFaults({});
    }
    const controller = new AbortController();
    server.setFaults({ latencyMs: 200 });
    try {
      const started = Date.now();
      const sync = new GraphDirectory(access(source, 'source', { signal: controller.signal })).users();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(sync, (e: unknown) => e instanceof AbortedError);
      assert.ok(Date.now() - started < 1000, 'stopped without waiting for the page');
    } finally {
      server.setFaults({});
    }
  });
});
