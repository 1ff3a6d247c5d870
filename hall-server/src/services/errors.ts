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
  'storage-unavailable': 503,
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

/**
 * SQLite result codes that blame the storage, not the request: disk full, I/O error, a lock still
 * held after busy_timeout, a read-only or unopenable file (https://sqlite.org/rescode.html).
 * Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED …) count too.
 */
const STORAGE_FAULT = /^SQLITE_(FULL|IOERR|BUSY|READONLY|CANTOPEN)(_|$)/;

/** True when `error` is a SQLite error caused by the disk or a lock, not by the request. */
export function isStorageFault(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && STORAGE_FAULT.test(error.code);
}

/**
 * The refusal a storage fault becomes (503 `storage-unavailable`); null for any other error. The
 * transaction was rolled back, so nothing is half-written and the client may simply retry.
 */
export function storageRefusal(error: unknown): HallError | null {
  if (!isStorageFault(error)) return null;
  return new HallError('storage-unavailable', 'the hall database cannot be written now (disk full, I/O error or locked); nothing was saved, try again shortly');
}

/** Logs a storage fault on stderr (the hall's log) with where it happened; the server carries on. */
export function logStorageFault(where: string, error: unknown): void {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
  console.error(`storage fault in ${where}: ${code} ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Runs best-effort work (device presence, timer callbacks) so that its failure is logged and
 * never takes the process down: a full disk must not stop the hall from calling numbers.
 */
export function guarded(where: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (isStorageFault(error)) logStorageFault(where, error);
    else console.error(`${where} failed:`, error);
  }
}
