/**
 * The simulated cloud's HTTPS face (sign-in, Graph, SharePoint admin) in a process of its own: for the
 * live benchmark, and for `npm start -- --live` (a demo of live mode without a real tenant). Prints one
 * JSON line (url, certificate, control token, tenant IDs, users per tenant), then serves until stdin closes.
 *
 *   node --import tsx scripts/live-simulator.ts [--plan FILE] [--users N] [--auto-approve SOURCE_APP,TARGET_APP]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Plan } from '../src/core/plan/planSchema';
import { SimulatedCloud } from '../src/simulator/cloudModel';
import { initialCloudState } from '../src/simulator/scenario';
import { addSyntheticDirectory } from '../src/simulator/syntheticDirectory';
import { LiveSimulatorServer } from '../src/simulator/liveServer';
import { examplePlan } from '../test/support/fixtures';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { plan: { type: 'string' }, users: { type: 'string' }, 'auto-approve': { type: 'string' } } });
  const users = Number(values.users ?? 100_000);
  const plan = values.plan ? (JSON.parse(readFileSync(values.plan, 'utf8')) as Plan) : examplePlan();
  const cloud = SimulatedCloud.fromState(initialCloudState({ plan, identityMap: [], scenario: { start: '2026-11-01T00:00:00Z' } }));
  addSyntheticDirectory(cloud, 'source', { users, groups: Math.min(200, Math.ceil(users / 100)), redirectShare: 0.02 });
  addSyntheticDirectory(cloud, 'target', { users, groups: Math.min(200, Math.ceil(users / 100)), oneDriveShare: 0.01 });
  const [sourceApp, targetApp] = (values['auto-approve'] ?? '').split(',');
  const server = new LiveSimulatorServer(cloud, {
    ...(sourceApp && targetApp ? { autoApprove: { [sourceApp]: 'source' as const, [targetApp]: 'target' as const } } : {}),
  });
  await server.start();
  process.stdout.write(
    JSON.stringify({
      url: server.url,
      ca: server.ca,
      controlToken: server.controlToken,
      tenantIds: { source: cloud.tenant('source').tenantId, target: cloud.tenant('target').tenantId },
      users: { source: Object.keys(cloud.tenant('source').users).length, target: Object.keys(cloud.tenant('target').users).length },
    }) + '\n',
  );
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}

void main();
