/**
 * A simulated tenant pair ready for PowerShell: the cloud model (from a plan and a scenario),
 * its HTTP face on 127.0.0.1, and the fake modules written into a folder that goes first on
 * PSModulePath. Whoever runs a script passes `env` to the process.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { IdentityMapRow } from '../core/identity/identityMapRows';
import type { Plan } from '../core/plan/planSchema';
import { SimulatedCloud } from '../simulator/cloudModel';
import { SIMULATOR_TOKEN_VARIABLE, SIMULATOR_URL_VARIABLE, fakeModuleFiles, type FakeModuleOptions } from '../simulator/fakeModules';
import { PowerShellFace } from '../simulator/powershellFace';
import { initialCloudState, type Scenario } from '../simulator/scenario';
import { SimulatorServer, type SimulatorServerOptions } from '../simulator/server';

export interface SimulatedPair {
  cloud: SimulatedCloud;
  face: PowerShellFace;
  server: SimulatorServer;
  modulesDir: string;
  /** Environment for a PowerShell process that should see the fake modules and the simulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSimulatedPair(
  input: { plan: Plan; identityMap: readonly IdentityMapRow[]; scenario: Scenario },
  options: SimulatorServerOptions & { modules?: FakeModuleOptions } = {},
): Promise<SimulatedPair> {
  const cloud = SimulatedCloud.fromState(initialCloudState(input));
  const face = new PowerShellFace(cloud, {
    ...(input.scenario.outputShape ? { outputShape: input.scenario.outputShape } : {}),
    ...(input.scenario.cmdletFaults ? { faults: input.scenario.cmdletFaults } : {}),
  });
  const server = new SimulatorServer(cloud, face, options);
  const url = await server.start();
  const modulesDir = await mkdtemp(path.join(tmpdir(), 'odm-fake-modules-'));
  for (const file of fakeModuleFiles(options.modules)) {
    const target = path.join(modulesDir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
  const env = {
    [SIMULATOR_URL_VARIABLE]: url,
    [SIMULATOR_TOKEN_VARIABLE]: server.token,
    // Only the fake modules and PowerShell's own: a real SharePoint module installed on this machine is never picked up.
    PSModulePath: modulesDir,
  };
  return {
    cloud,
    face,
    server,
    modulesDir,
    env,
    async close() {
      await server.close();
      await rm(modulesDir, { recursive: true, force: true });
    },
  };
}
