import http from 'node:http';

/** One keep-alive agent per test file: thousands of requests without a TCP handshake each. */
export function keepAliveAgent(maxSockets = 64) {
  return new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 1000 });
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. Tests read many route shapes through it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Raw body sent as is (fuzzing); overrides `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  agent?: http.Agent;
  timeoutMs?: number;
}

/**
 * A plain HTTP request with node:http (no fetch: fetch refuses malformed headers and paths, and
 * its pool is not ours to tune). Rejects only on network failure or timeout.
 */
export function request(baseUrl: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`timeout: ${options.method ?? 'GET'} ${path}`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Signs a demo user in and returns the session token. */
export async function login(baseUrl: string, username: string, password: string, agent?: http.Agent): Promise<string> {
  const res = await request(baseUrl, '/api/auth/login', { method: 'POST', body: { username, password }, agent });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${res.text}`);
  return res.json.token as string;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
