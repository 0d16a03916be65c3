/**
 * The simulated cloud's HTTPS face in a process of its own, for the live benchmark (the sync is then
 * measured alone, as against a real service): the example's tenants, each with N synthetic users.
 * Prints one JSON line (url, certificate, control token, tenant IDs, users per tenant), then serves
 * until stdin closes.
 */
import { SimulatedCloud } from '../src/simulator/cloudModel';
import { initialCloudState } from '../src/simulator/scenario';
import { addSyntheticDirectory } from '../src/simulator/syntheticDirectory';
import { LiveSimulatorServer } from '../src/simulator/liveServer';
import { examplePlan } from '../test/support/fixtures';

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 100_000);
  const cloud = SimulatedCloud.fromState(
    initialCloudState({ plan: examplePlan(), identityMap: [], scenario: { start: '2026-11-01T00:00:00Z' } }),
  );
  addSyntheticDirectory(cloud, 'source', { users });
  addSyntheticDirectory(cloud, 'target', { users });
  const server = new LiveSimulatorServer(cloud);
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
