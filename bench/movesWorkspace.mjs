// Writes a migration under way for the Moves view's benchmark and UI test: 20,000 users in ten
// batches of 2,000 (five from NAM, five from EUR, all to NAM), queued a day apart, and the
// move-state exports of both source geographies every eight hours for ten days (60 result files).
// Each move is Scheduled for 6 hours, in progress for a day, then Success; 2 % fail (with an MnA
// code), 0.5 % stay in progress (stuck). The plan holds what the last exports say.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-10T00:00:00Z');
const BATCHES = 10;
const PER_BATCH = 2000;
const FILES_PER_GEO = 30;
const CODES = ['MnAOdbUsersAreNotLicensed', 'MnASiteMoveTargetUrlHasWriteConflict', 'MnAIdentityMapEntryDoesNotMatchRequest'];

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

function stateAt(user, queuedAt, at) {
  const age = at - queuedAt;
  if (age < 0) return undefined;
  if (age < 6 * HOUR) return { state: 'Scheduled' };
  if (user % 200 === 7) return { state: 'InProgress' }; // stuck
  if (age < 30 * HOUR) return { state: 'InProgress' };
  if (user % 50 === 3) {
    const code = CODES[user % CODES.length];
    return { state: 'Failed', error: `${code}: the move of user${user} failed.` };
  }
  return { state: 'Success' };
}

/** `now`: the clock the view runs with (its flags depend on it); the last export is 2 hours before it. */
export function writeMovesWorkspace(folder) {
  const geos = (tenant, codes) =>
    codes.map((code, i) => ({
      code,
      ...(i === 0 ? { default: true } : {}),
      adminUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-admin.sharepoint.com`,
      hostUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-my.sharepoint.com`,
    }));
  const batches = Array.from({ length: BATCHES }, (_, b) => {
    const geo = b % 2 ? 'EUR' : 'NAM';
    return {
      name: `Wave ${b + 1} ${geo}`,
      sourceGeography: geo,
      targetGeography: 'NAM',
      preferredBeginUtc: iso(START + b * 24 * HOUR),
      preferredEndUtc: iso(START + b * 24 * HOUR + 12 * HOUR),
      users: Array.from({ length: PER_BATCH }, (_, i) => `user${b * PER_BATCH + i}@contoso.com`),
    };
  });
  const queuedAt = (user) => START + Math.floor(user / PER_BATCH) * 24 * HOUR;
  const geoOf = (user) => (Math.floor(user / PER_BATCH) % 2 ? 'EUR' : 'NAM');
  const results = path.join(folder, 'results');
  mkdirSync(results, { recursive: true });
  const moves = {};
  let last = 0;
  for (const geo of ['NAM', 'EUR']) {
    for (let f = 0; f < FILES_PER_GEO; f++) {
      const at = START + 4 * HOUR + f * 8 * HOUR + (geo === 'EUR' ? HOUR : 0);
      last = Math.max(last, at);
      const entries = [];
      for (let user = 0; user < BATCHES * PER_BATCH; user++) {
        if (geoOf(user) !== geo) continue;
        const s = stateAt(user, queuedAt(user), at);
        if (!s) continue;
        entries.push({
          sourceUserPrincipalName: `user${user}@contoso.com`,
          targetUserPrincipalName: `user${user}@fabrikam.com`,
          state: s.state,
          moveJobId: null,
          sourceSiteUrl: null,
          targetSiteUrl: null,
          timeStamp: null,
          error: s.error ?? null,
          partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
        });
        const key = `user${user}@contoso.com`;
        moves[key] = {
          state: s.state,
          updatedAt: iso(at),
          targetUser: `user${user}@fabrikam.com`,
          sourceGeography: geo,
          targetGeography: 'NAM',
          ...(s.error ? { error: s.error, errorCode: s.error.split(':')[0] } : {}),
        };
      }
      const stamp = iso(at).replace(/[-:]/g, '').replace('Z', '000Z');
      writeFileSync(
        path.join(results, `source-${geo}-moveState-${stamp}.json`),
        JSON.stringify({
          schema: 'onedrive-migration-result',
          version: 1,
          kind: 'moveState',
          side: 'source',
          tenant: 'contoso',
          geography: geo,
          adminUrl: geo === 'NAM' ? 'https://contoso-admin.sharepoint.com' : 'https://contosoeur-admin.sharepoint.com',
          createdAt: iso(at),
          data: { entries },
        }),
      );
    }
  }
  const plan = {
    version: 1,
    name: 'benchmark: 20,000 users in ten waves',
    source: { name: 'contoso', geographies: geos('contoso', ['NAM', 'EUR']) },
    target: { name: 'fabrikam', geographies: geos('fabrikam', ['NAM']) },
    trusts: ['NAM', 'EUR'].map((s) => ({
      sourceGeography: s,
      targetGeography: 'NAM',
      source: { requestedAt: '2026-11-01T00:00:00Z', lastVerifiedAt: '2026-11-09T00:00:00Z', lastResult: 'GoodToProceed' },
      target: { requestedAt: '2026-11-01T00:00:00Z', lastVerifiedAt: '2026-11-09T00:00:00Z', lastResult: 'GoodToProceed' },
    })),
    batches,
    moves,
  };
  writeFileSync(path.join(folder, 'onedrive-migration.json'), JSON.stringify(plan, null, 2) + '\n');
  return { users: BATCHES * PER_BATCH, files: 2 * FILES_PER_GEO, now: iso(last + 2 * HOUR) };
}
