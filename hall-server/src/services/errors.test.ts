import { describe, expect, it } from 'vitest';
import { HallError, isStorageFault, storageRefusal } from './errors';

const sqliteError = (code: string) => Object.assign(new Error(`sqlite says ${code}`), { code });

describe('storage faults', () => {
  it.each([
    ['SQLITE_FULL', true],
    ['SQLITE_IOERR', true],
    ['SQLITE_IOERR_WRITE', true],
    ['SQLITE_IOERR_SHMSIZE', true],
    ['SQLITE_BUSY', true],
    ['SQLITE_BUSY_SNAPSHOT', true],
    ['SQLITE_READONLY', true],
    ['SQLITE_READONLY_DBMOVED', true],
    ['SQLITE_CANTOPEN', true],
    ['SQLITE_CONSTRAINT_UNIQUE', false],
    ['SQLITE_CORRUPT', false],
    ['SQLITE_ERROR', false],
    ['SQLITE_FULLY_MADE_UP', false],
    ['ENOSPC', false],
  ])('%s is a storage fault: %s', (code, storage) => {
    expect(isStorageFault(sqliteError(code))).toBe(storage);
  });

  it('becomes 503 storage-unavailable, without SQLite text for the client', () => {
    const refusal = storageRefusal(sqliteError('SQLITE_FULL'));
    expect(refusal).toBeInstanceOf(HallError);
    expect({ status: refusal!.status, code: refusal!.code }).toEqual({ status: 503, code: 'storage-unavailable' });
    expect(refusal!.message).not.toMatch(/SQLITE/);
    expect(storageRefusal(new Error('boom'))).toBeNull();
    expect(storageRefusal(new HallError('queue-empty', 'nobody'))).toBeNull();
  });
});
