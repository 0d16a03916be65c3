/**
 * The simulated cloud over HTTPS on 127.0.0.1 (a random port), for live mode: /login is the identity
 * face (what msal-node talks to), /graph the Microsoft Graph face. msal-node only accepts https
 * authorities, so the server makes a self-signed certificate for 127.0.0.1 at start; clients trust
 * exactly that certificate (`ca`), nothing is installed anywhere. Faults are injected here, on Graph's
 * requests: 429 with Retry-After, 503, slow answers, malformed JSON (seeded, so runs repeat).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { generate } from 'selfsigned';
import type { SimulatedCloud } from './cloudModel';
import { GraphFace } from './graphFace';
import { closeServer, listenLocally, localUrl } from './localServer';
import { SharePointAdminFace } from './sharePointAdminFace';
import { IdentityFace, type FaceResponse, type IdentityFaceOptions } from './identityFace';

export interface LiveFaults {
  /** Share of Graph requests answered 429 (0–1). */
  throttleRate?: number;
  /** The Retry-After of those 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share answered 503. */
  unavailableRate?: number;
  /** Share answered with a body that is not JSON. */
  malformedRate?: number;
  /** Milliseconds every Graph request waits before its answer (latency). */
  latencyMs?: number;
  /** Seed of the fault dice (default 1). */
  seed?: number;
}

export interface LiveServerOptions extends IdentityFaceOptions {
  faults?: LiveFaults;
  clock?: () => number;
}

const MAX_BODY = 1024 * 1024;

/** A small seeded generator (mulberry32): the same seed, the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class LiveSimulatorServer {
  private server: Server | undefined;
  readonly identity: IdentityFace;
  readonly graph: GraphFace;
  readonly sharePoint: SharePointAdminFace;
  /** The certificate clients trust (PEM). */
  ca = '';
  /** Required (header x-odm-control-token) by /control: only who started the simulator can steer it. */
  readonly controlToken = randomBytes(24).toString('hex');
  faults: LiveFaults;
  private dice: () => number;
  /** The last requests' method and path (for tests that need to know what reached the simulator). */
  readonly seen: string[] = [];
  /** Faults injected so far, by kind. */
  readonly injected = { throttled: 0, unavailable: 0, malformed: 0 };

  constructor(
    readonly cloud: SimulatedCloud,
    options: LiveServerOptions = {},
  ) {
    const clock = options.clock ?? Date.now;
    this.identity = new IdentityFace(cloud, () => `${this.url}/login`, clock, options);
    this.graph = new GraphFace(cloud, this.identity, () => `${this.url}/graph`, clock);
    this.sharePoint = new SharePointAdminFace(cloud, this.identity, clock);
    this.faults = options.faults ?? {};
    this.dice = seeded(this.faults.seed ?? 1);
  }

  /** Changes the faults (and restarts their dice). */
  setFaults(faults: LiveFaults): void {
    this.faults = faults;
    this.dice = seeded(faults.seed ?? 1);
  }

  async start(): Promise<string> {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      notAfterDate: new Date(Date.now() + 2 * 24 * 3600_000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    this.ca = pems.cert;
    this.server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => void this.handle(req, res));
    await listenLocally(this.server);
    return this.url;
  }

  get url(): string {
    return localUrl(this.server, 'https', 'live simulator');
  }

  get authorityBase(): string {
    return `${this.url}/login`;
  }

  get graphBase(): string {
    return `${this.url}/graph`;
  }

  /** SharePoint hosts are reached as {sharePointBase}/{host}/… (the admin URL itself in a real tenant). */
  get sharePointBase(): string {
    return `${this.url}/sharepoint`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  /** Steering from another process (a benchmark, the live demo): the faults, a device code's approval. */
  private control(req: IncomingMessage, what: string, text: string): FaceResponse {
    if (req.headers['x-odm-control-token'] !== this.controlToken) return { status: 403, body: { error: 'forbidden' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'not JSON' } };
    }
    switch (`${req.method} ${what}`) {
      case 'POST faults':
        this.setFaults(body as LiveFaults);
        return { status: 200, body: { ok: true } };
      case 'POST approve': {
        const side = body.side === 'target' ? 'target' : 'source';
        return { status: 200, body: { ok: this.identity.approveDevice(String(body.userCode ?? ''), side) } };
      }
      case 'GET injected':
        return { status: 200, body: this.injected };
      default:
        return { status: 404, body: { error: 'not_found' } };
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (r: FaceResponse, raw?: string) => {
      const text = raw ?? r.html ?? (r.body === undefined ? '' : JSON.stringify(r.body));
      const type = r.html !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(r.status, { 'content-type': type, ...(r.headers ?? {}) });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', this.url);
      this.seen.push(`${req.method ?? 'GET'} ${url.pathname}`);
      if (this.seen.length > 100) this.seen.splice(0, 50);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return send({ status: 413, body: { error: 'request too large' } });
        chunks.push(chunk as Buffer);
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (url.pathname.startsWith('/control/'))
        return send(this.control(req, url.pathname.slice('/control/'.length), Buffer.concat(chunks).toString('utf8')));
      const face = url.pathname.startsWith('/login/')
        ? 'login'
        : url.pathname.startsWith('/graph/')
          ? 'graph'
          : url.pathname.startsWith('/sharepoint/')
            ? 'sharepoint'
            : undefined;
      if (!face) return send({ status: 404, body: { error: 'not_found' } });
      const request = { method: req.method ?? 'GET', path: url.pathname.slice(face.length + 1), query: url.searchParams, form };
      if (face === 'login') return send(this.identity.handle(request));
      const f = this.faults;
      if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
      const roll = this.dice();
      if (f.throttleRate && roll < f.throttleRate) {
        this.injected.throttled++;
        return send({
          status: 429,
          headers: { 'retry-after': String(f.retryAfterSeconds ?? 1) },
          body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
        });
      }
      const afterThrottle = roll - (f.throttleRate ?? 0);
      if (f.unavailableRate && afterThrottle >= 0 && afterThrottle < f.unavailableRate) {
        this.injected.unavailable++;
        return send({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'The service is unavailable.' } } });
      }
      const afterUnavailable = afterThrottle - (f.unavailableRate ?? 0);
      if (f.malformedRate && afterUnavailable >= 0 && afterUnavailable < f.malformedRate) {
        this.injected.malformed++;
        return send({ status: 200 }, '{"value": [ {"id": "cut off');
      }
      const authorization = req.headers.authorization ? { authorization: req.headers.authorization } : {};
      let json: unknown;
      if (chunks.length && String(req.headers['content-type'] ?? '').includes('json')) {
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send({ status: 400, body: { error: { code: 'BadRequest', message: 'The body is not JSON.' } } });
        }
      }
      if (face === 'sharepoint') return send(this.sharePoint.handle({ ...request, ...authorization, json }));
      return send(this.graph.handle({ ...request, ...authorization, json }));
    } catch (error) {
      send({ status: 500, body: { error: { code: 'generalException', message: (error as Error).message } } });
    }
  }
}
