/**
 * The HTTP face of the simulated cloud on 127.0.0.1 (a random port): the fake PowerShell
 * modules post their calls to /powershell/invoke. State lives in memory and, with `statePath`,
 * is written to a JSON file after every call (atomically) so another process can read it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic, encodeUtf8 } from '../services/atomicFiles';
import { closeServer, listenLocally, localUrl } from './localServer';
import { CloudError, type SimulatedCloud } from './cloudModel';
import { type PowerShellFace, type CmdletCall } from './powershellFace';

const MAX_BODY = 64 * 1024 * 1024;

export interface SimulatorServerOptions {
  statePath?: string;
  /** Called before each cmdlet call is answered (tests use it to kill a script mid-loop). */
  onCall?: (call: CmdletCall, count: number) => void;
}

export class SimulatorServer {
  private server: Server | undefined;
  /** Every request must carry it (header x-odm-simulator-token): no other local process or web page can drive the simulator. */
  readonly token = randomBytes(24).toString('hex');
  /** Per PowerShell process: milliseconds its fake cmdlets spent waiting for answers (client side). */
  readonly clientElapsed = new Map<number, number>();
  /** Milliseconds the simulator spent answering, in total. */
  serverMs = 0;
  calls = 0;

  constructor(
    readonly cloud: SimulatedCloud,
    readonly face: PowerShellFace,
    private readonly options: SimulatorServerOptions = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await listenLocally(this.server);
    return this.url;
  }

  get url(): string {
    return localUrl(this.server, 'http', 'simulator');
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    try {
      // Only this machine's loopback address by name (no DNS rebinding), and only callers given the token.
      if (req.headers.host !== new URL(this.url).host || req.headers['x-odm-simulator-token'] !== this.token)
        return send(403, { error: { message: 'Forbidden.', code: 'Forbidden' } });
      if (req.method === 'GET' && req.url === '/state') return send(200, this.cloud.toJSON());
      if (req.method !== 'POST' || req.url !== '/powershell/invoke')
        return send(404, { error: { message: `No route ${req.method} ${req.url}`, code: 'NotFound' } });
      const body = await readBody(req);
      const started = performance.now();
      const call = JSON.parse(body) as CmdletCall & { pid?: number; clientElapsedMs?: number };
      if (typeof call.pid === 'number' && typeof call.clientElapsedMs === 'number') this.clientElapsed.set(call.pid, call.clientElapsedMs);
      this.calls++;
      let reply: unknown;
      try {
        this.options.onCall?.(call, this.calls);
        const answer = this.face.invoke({
          cmdlet: String(call.cmdlet),
          parameters: call.parameters ?? {},
          dateKinds: call.dateKinds ?? {},
          session: call.session ?? {},
        });
        reply = answer;
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        reply = { error: { message: error.message, code: error.code }, session: call.session ?? {} };
      }
      if (this.options.statePath)
        await writeFileAtomic(this.options.statePath, encodeUtf8(JSON.stringify(this.cloud.toJSON(), null, 1), false));
      this.serverMs += performance.now() - started;
      send(200, reply);
    } catch (error) {
      send(500, { error: { message: `Simulator failure: ${(error as Error).message}`, code: 'SimulatorFailure' } });
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
