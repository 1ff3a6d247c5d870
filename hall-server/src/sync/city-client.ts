import {
  HALL_AUTH_SCHEME, enrollResponseSchema, pullResponseSchema, pushResponseSchema, seqGapErrorSchema,
  type EnrollBody, type EnrollResponse, type PullResponse,
} from '@hall/shared';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const REQUEST_TIMEOUT_MS = 30_000;

/** A refusal or failure talking to the city; `status` 0 when the city was not reached at all. */
export class CityError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type PushResult = { ok: true; ackSeq: number } | { ok: false; expectedSeq: number };

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new CityError(0, 'unreachable', `city server not reachable at ${url}${cause || (error instanceof Error ? `: ${error.message}` : '')}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function refusal(response: Response): Promise<CityError> {
  const text = await response.text().catch(() => '');
  let code = `http-${response.status}`;
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page): keep the text.
  }
  return new CityError(response.status, code, `city answered ${response.status} ${code}: ${message}`);
}

/** Trades a one-time enrollment code for this hall's credential. */
export async function enrollAtCity(cityUrl: string, body: EnrollBody): Promise<EnrollResponse> {
  const response = await send(`${cityUrl}/api/sync/enroll`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (response.status !== 201 && response.status !== 200) throw await refusal(response);
  return enrollResponseSchema.parse(await response.json());
}

/** The hall's side of the sync contract, over one city URL and credential. */
export function createCityClient(cityUrl: string, credential: string) {
  const authorization = `${HALL_AUTH_SCHEME} ${credential}`;
  return {
    /** Sends one batch (`body` is the JSON text, gzipped here); a 409 seq-gap answers where to resume. */
    async push(bodyJson: string): Promise<PushResult> {
      // Level 3: a 5,000-record batch (~2 MB of JSON) in ~25 ms to ~250 kB; level 6 takes 4× as long for 15 % less.
      const gzipped = await gzipAsync(Buffer.from(bodyJson), { level: 3 });
      const response = await send(`${cityUrl}/api/sync/push`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipped,
      });
      if (response.status === 409) {
        const text = await response.text();
        const gap = seqGapErrorSchema.safeParse(parseJson(text));
        if (gap.success) return { ok: false, expectedSeq: gap.data.error.expectedSeq };
        throw new CityError(409, 'conflict', `city answered 409: ${text.slice(0, 300)}`);
      }
      if (response.status !== 200) throw await refusal(response);
      return { ok: true, ackSeq: pushResponseSchema.parse(await response.json()).ackSeq };
    },

    async pull(since: number): Promise<PullResponse> {
      const response = await send(`${cityUrl}/api/sync/pull?since=${since}`, { headers: { authorization } });
      if (response.status !== 200) throw await refusal(response);
      return pullResponseSchema.parse(await response.json());
    },
  };
}

export type CityClient = ReturnType<typeof createCityClient>;
