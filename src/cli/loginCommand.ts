/**
 * `onedrive-migration login <source|target> <plan> --client-id <id>`: signs in to one tenant with a
 * device code (the CLI has no browser of its own), checks that the account's tenant is the plan's,
 * and keeps the token cache in a folder only the user can read. `logout` deletes it.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkTenantBinding } from '../core/live/tenantBinding';
import type { TenantRole } from '../core/live/liveTypes';
import { fileSecretStore } from '../services/live/fileSecretStore';
import { liveModule } from '../services/live/loadLive';
import { cacheKey } from '../services/live/msalTokenSource';
import type { LoadedPlan } from '../services/planWorkspace';
import { oneLine, usageError, type Io } from './cliSupport';

type LoadValidPlan = (planArg: string | undefined, io: Io, allowOutside?: boolean) => Promise<LoadedPlan | undefined>;

const OPTIONS = {
  'client-id': { type: 'string' },
  authority: { type: 'string' },
  graph: { type: 'string' },
  ca: { type: 'string' },
  'cache-dir': { type: 'string' },
} as const;

function roleOf(value: string | undefined): TenantRole {
  if (value !== 'source' && value !== 'target')
    throw usageError(`Say which tenant: login source <plan> or login target <plan> (not '${value ?? ''}').`);
  return value;
}

const cacheDir = (io: Io, given: string | undefined) =>
  given ? path.resolve(io.cwd, given) : path.join(homedir(), '.config', 'onedrive-migration');

export async function loginCommand(args: string[], io: Io, loadValidPlan: LoadValidPlan): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const role = roleOf(positionals[0]);
  const clientId = values['client-id'];
  if (!clientId) throw usageError('Give --client-id: the application (client) ID of your organisation’s app registration for live mode.');
  const loaded = await loadValidPlan(positionals[1], io);
  if (!loaded?.plan) return 1;
  const plan = loaded.plan;
  const session = liveModule().createLiveSession(
    {
      authorityBase: values.authority ?? 'https://login.microsoftonline.com',
      graphBaseUrl: values.graph ?? 'https://graph.microsoft.com',
      clientIds: { [role]: clientId },
      ...(values.ca ? { extraCertificate: readFileSync(path.resolve(io.cwd, values.ca), 'utf8') } : {}),
      interaction: 'deviceCode',
    },
    {
      plan: () => plan,
      secrets: fileSecretStore(cacheDir(io, values['cache-dir'])),
      onDeviceCode: (info) => io.err(oneLine(info.message)),
    },
  );
  try {
    const token = await session.signIn(role);
    io.out(`Signed in to the ${role} tenant ${plan[role].name} (${token.tenantId}) as ${token.username ?? 'an unnamed account'}.`);
    const binding = checkTenantBinding(plan, role, token.tenantId);
    if (binding.ok && binding.fill)
      io.out(
        `The plan has no tenant ID for the ${role} tenant: add "tenantId": "${binding.fill}" to "${role}" (login does not change the plan).`,
      );
    return 0;
  } catch (error) {
    io.err(`error: ${oneLine((error as Error).message)}`);
    return 1;
  }
}

export async function logoutCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'cache-dir': { type: 'string' } } });
  const role = roleOf(positionals[0]);
  await fileSecretStore(cacheDir(io, values['cache-dir'])).delete(cacheKey(role));
  io.out(`Signed out of the ${role} tenant: its token cache is deleted.`);
  return 0;
}
