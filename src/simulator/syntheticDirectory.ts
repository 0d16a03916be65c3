/**
 * Big simulated directories for live mode's tests and benchmarks: a tenant filled with N users
 * (members and guests, most with an employee ID and an immutable ID, all with proxy addresses) and
 * groups, deterministic for a seed, so the same two tenants match the same way on every run.
 */
import { simulatedId, type SimUser, type SimulatedCloud, type TenantSide } from './cloudModel';

export interface SyntheticDirectory {
  users: number;
  groups?: number;
  /** Share of the users with a OneDrive already (target: a move to them would fail; default 0). */
  oneDriveShare?: number;
  /** Share of the users whose OneDrive already moved away (source: a redirect site; default 0). */
  redirectShare?: number;
  /** Share of guests (default 0.05). */
  guestShare?: number;
  /** Offset of the generated ids (two tenants must not share object IDs). */
  idBase?: number;
}

export function addSyntheticDirectory(cloud: SimulatedCloud, side: TenantSide, spec: SyntheticDirectory): void {
  const tenant = cloud.tenant(side);
  const domain = `${tenant.name}.com`;
  const base = spec.idBase ?? (side === 'source' ? 10_000_000 : 20_000_000);
  const guestEvery = Math.max(1, Math.round(1 / (spec.guestShare ?? 0.05)));
  const geography = tenant.geographies[0]?.code ?? 'NAM';
  const changedAt = cloud.state.events.length;
  for (let i = 0; i < spec.users; i++) {
    const guest = i % guestEvery === guestEvery - 1;
    const upn = guest ? `guest${i}_partner.example#EXT#@${tenant.name}.onmicrosoft.com` : `user${i}@${domain}`;
    const mail = guest ? `guest${i}@partner.example` : `user${i}@${domain}`;
    const user: SimUser = {
      id: simulatedId(base + i),
      upn,
      mail,
      displayName: guest ? `Guest ${i}` : `User ${i}`,
      userType: guest ? 'Guest' : 'Member',
      licensed: true,
      geography,
      proxyAddresses: [`SMTP:${mail}`],
      changedAt,
    };
    // The same person has the same employee ID and immutable ID in both tenants (what matching finds).
    if (!guest && i % 10 !== 3) user.employeeId = `E${String(i).padStart(7, '0')}`;
    if (!guest && i % 10 < 7) user.onPremisesImmutableId = Buffer.from(`person-${i}`).toString('base64');
    tenant.users[upn.toLowerCase()] = user;
    const host = tenant.geographies[0]?.hostUrl;
    const every = (share: number | undefined) => (share ? Math.max(1, Math.round(1 / share)) : 0);
    const personal = host ? `${host}/personal/${upn.toLowerCase().replace(/[.@, #]/g, '_')}` : undefined;
    if (personal && every(spec.oneDriveShare) && i % every(spec.oneDriveShare) === 0) {
      user.oneDriveUrl = personal;
      tenant.sites[personal] = {
        url: personal,
        template: 'SPSPERS#10',
        owner: upn,
        geography,
        lastContentModifiedDate: '2026-10-01T00:00:00Z',
      };
    }
    if (personal && every(spec.redirectShare) && i % every(spec.redirectShare) === 1)
      tenant.sites[personal] = {
        url: personal,
        template: 'RedirectSite#0',
        owner: upn,
        geography,
        lastContentModifiedDate: '2026-10-15T00:00:00Z',
      };
  }
  for (let g = 0; g < (spec.groups ?? 0); g++) {
    const id = simulatedId(base + spec.users + g);
    tenant.groups[id] = { id, displayName: `Group ${g}`, mailNickname: `group${g}`, kind: g % 3 === 0 ? 'Security' : 'Unified' };
  }
  cloud.event(`${side}: ${spec.users} synthetic users and ${spec.groups ?? 0} groups added`);
}
