import type { ErrorCode } from '@hall/shared';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  'bad-credentials': 401,
  forbidden: 403,
  'not-found': 404,
  'unknown-service': 404,
  'quota-exhausted': 429,
  'too-many-attempts': 429,
  'rate-limited': 429,
};

/** A refusal the HTTP layer turns into `{ error: { code, message } }` with the right status. */
export class HallError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
  ) {
    super(message);
    this.status = status ?? STATUS_OF[code] ?? 409;
  }
}
