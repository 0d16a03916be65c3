/**
 * HTTP for live mode (axios): JSON over HTTPS with a timeout, cancellation through an AbortSignal,
 * and retries for throttling and transient failures (Retry-After honoured, else exponential
 * backoff with jitter, capped; core/live/retryPolicy.ts). Bodies are read as text and parsed here,
 * so a malformed answer is an error of its own (retried: it is usually a cut connection), and an
 * answer larger than the limit is refused. Also msal-node's network module, with the same agent.
 */
import { Agent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { DEFAULT_RETRY, isRetryableStatus, retryDelay, type RetryPolicy } from '../../core/live/retryPolicy';

export interface LiveHttpOptions {
  /** A certificate to trust besides the system's (the simulated cloud's self-signed one). */
  ca?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  random?: () => number;
  /** The clock, for a Retry-After given as a date. */
  now?: () => number;
  /** Tells each wait before a retry (for progress messages and tests). */
  onRetry?: (info: { url: string; status?: number; attempt: number; delayMs: number }) => void;
}

/** Answers larger than this are refused (a page of 999 users is about 1 MB). */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class LiveHttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'LiveHttpError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'AbortError';
  }
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error text of a Graph or Entra answer ({ error: { code, message } } or { error, error_description }). */
function errorOf(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const e = (body as { error?: unknown; error_description?: unknown }).error;
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return { ...(typeof code === 'string' ? { code } : {}), ...(typeof message === 'string' ? { message: message.slice(0, 500) } : {}) };
  }
  const description = (body as { error_description?: unknown }).error_description;
  return {
    ...(typeof e === 'string' ? { code: e } : {}),
    ...(typeof description === 'string' ? { message: description.slice(0, 500) } : {}),
  };
}

export class LiveHttp {
  private readonly client: AxiosInstance;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: LiveHttpOptions = {}) {
    this.client = axios.create({
      timeout: options.timeoutMs ?? 60_000,
      httpsAgent: new Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) }),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: MAX_RESPONSE_BYTES,
      maxRedirects: 0,
      proxy: false,
    });
    this.policy = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
  }

  /** GET a JSON document with a bearer token, retrying what is worth retrying. */
  getJson<T>(url: string, token: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
    return this.requestJson<T>('get', url, token, undefined, signal, headers);
  }

  /** POST a JSON body (the SharePoint admin endpoint's queries), retried like a GET: it only reads. */
  postJson<T>(url: string, token: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.requestJson<T>('post', url, token, JSON.stringify(body), signal, { 'content-type': 'application/json' });
  }

  /** PATCH a JSON body (Graph's delta upload of mappings); retried: a delta of the same items is idempotent. */
  patchJson<T>(url: string, token: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.requestJson<T>('patch', url, token, JSON.stringify(body), signal, { 'content-type': 'application/json' });
  }

  private async requestJson<T>(
    method: 'get' | 'post' | 'patch',
    url: string,
    token: string,
    data: string | undefined,
    signal: AbortSignal | undefined,
    headers: Record<string, string>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new AbortedError();
      let response: AxiosResponse<string> | undefined;
      let failure: LiveHttpError;
      try {
        response = await this.client.request<string>({
          method,
          url,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers },
          ...(data !== undefined ? { data } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted || axios.isCancel(error)) throw new AbortedError();
        failure = new LiveHttpError(
          `The request to ${new URL(url).host} failed: ${(error as Error).message}`,
          undefined,
          (error as { code?: string }).code,
        );
      }
      if (response) {
        let body: unknown;
        let parsed = true;
        try {
          body = response.data === '' ? undefined : JSON.parse(response.data);
        } catch {
          parsed = false;
        }
        if (response.status >= 200 && response.status < 300 && parsed) return body as T;
        const e = errorOf(body);
        failure = parsed
          ? new LiveHttpError(
              `${new URL(url).host} answered ${response.status}${e.code ? ` ${e.code}` : ''}${e.message ? `: ${e.message}` : ''}`,
              response.status,
              e.code,
            )
          : new LiveHttpError(
              `${new URL(url).host} answered ${response.status} with a body that is not JSON.`,
              response.status,
              'malformedResponse',
            );
        if (!isRetryableStatus(response.status) && parsed) throw failure;
      }
      const retryAfter = response?.headers['retry-after'] as string | undefined;
      const delay = retryDelay(attempt, retryAfter, this.policy, this.random, (this.options.now ?? Date.now)());
      if (delay === undefined) throw failure!;
      this.options.onRetry?.({ url, attempt, delayMs: delay, ...(response ? { status: response.status } : {}) });
      await sleep(delay, signal);
    }
  }

  /** msal-node's network module: its requests go through this client (and trust the same certificate). */
  networkModule(): INetworkModule {
    const send = async <T>(method: 'get' | 'post', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      const response = await this.client.request<string>({
        method,
        url,
        headers: options?.headers ?? {},
        ...(options?.body !== undefined ? { data: options.body } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(response.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      let body: unknown;
      try {
        body = JSON.parse(response.data);
      } catch {
        body = {};
      }
      return { status: response.status, headers, body: body as T };
    };
    return {
      sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('get', url, options),
      sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('post', url, options),
    };
  }
}
