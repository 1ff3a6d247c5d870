import { errorText } from '../i18n/errors';

/** A refusal from the hall server, with its error code for the screen's i18n table. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Further fields of the error body (e.g. a check-in window's edges), for screens to word themselves. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
  /** What a screen shows for this error (never the server's raw text). */
  text(lang: 'zh' | 'en' = 'zh'): string {
    return errorText(this.code, lang);
  }
}

/**
 * Sent on every state-changing call. The server refuses a cookie-signed-in POST/PUT/PATCH/DELETE
 * without it (CSRF): a cross-site form cannot set a custom header.
 */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'hall';

export interface ApiClientOptions {
  baseUrl?: string;
  token: () => string | null;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * A small fetch wrapper for the hall server: bearer token, JSON in and out, errors as ApiError.
 * A network failure or timeout becomes ApiError(0, 'offline') so screens can say so plainly.
 */
export function createApiClient(options: ApiClientOptions) {
  const base = options.baseUrl ?? '';
  const fetchImpl = options.fetchImpl ?? fetch.bind(globalThis);

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 8000), credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'offline', `cannot reach the hall server (${method} ${path})`);
    }
    if (response.status === 204) return null as T;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `HTTP ${response.status}`, { ...error });
    }
    return parsed as T;
  }

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
