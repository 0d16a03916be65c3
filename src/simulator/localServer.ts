/** What both faces' servers do alike: listen on a random port of 127.0.0.1, say where, and close with their connections. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenLocally(server: Server): Promise<void> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}

export function localUrl(server: Server | undefined, protocol: 'http' | 'https', what: string): string {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error(`The ${what} is not listening.`);
  return `${protocol}://127.0.0.1:${address.port}`;
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
