import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { dayRecords, setupRecords } from '../testing/hall-records';

// Values that break naive code: NUL, lone surrogates, huge and negative numbers, wrong types.
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '9999-12-31', '0000-01-01', '2026-02-30', '', ' '.repeat(600), '<script>'),
  fc.constantFrom(2 ** 31, -1, 2 ** 53, -(2 ** 63), 1e308, 0.5, Number.MAX_SAFE_INTEGER),
);

/** A valid record with one field (top level or in data) replaced by something nasty. */
const mutatedRecord = fc.tuple(fc.nat(40), fc.boolean(), fc.string({ maxLength: 20 }), nasty).map(([index, inData, field, value]) => {
  const records = [...setupRecords(1, '2026-11-02T00:00:00.000Z'), ...dayRecords(7, '2026-11-02', 8)];
  const record = structuredClone(records[index % records.length]!) as unknown as Record<string, Record<string, unknown>>;
  const target = inData ? record.data! : record;
  const keys = Object.keys(target);
  target[keys.length > 0 && field.length % 2 === 0 ? keys[field.length % keys.length]! : field] = value as never;
  return record;
});

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`sync routes fuzzed on ${driver}: bad bodies get 4xx, never 5xx`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let api: ReturnType<typeof client>;
    let credential: string;

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true });
      api = client(server.url);
      credential = (await api.enroll(server.demo!.halls[0]!.enrollmentCode)).body.credential;
    }, 120_000);

    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('push: random JSON, mutated records, random fromSeq', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(
          fc.jsonValue(),
          fc.record({ fromSeq: fc.oneof(fc.integer(), nasty), records: fc.array(mutatedRecord, { maxLength: 4 }), live: fc.option(nasty, { nil: undefined }) }),
          fc.array(mutatedRecord, { minLength: 1, maxLength: 3 }).map((records) => ({ fromSeq: 1, records: records.map((r, i) => ({ ...r, seq: i + 1 })) })),
        ), fc.boolean(), async (body, gzip) => {
          const response = await api.request('POST', '/api/sync/push', { body, gzip, headers: { authorization: `Hall ${credential}` } });
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
        }),
        { numRuns: 150, seed: 4242 },
      );
    }, 180_000);

    it('push: valid batches with one text field replaced by NUL, lone surrogates or markup reach the database or get 400', async () => {
      let ackSeq = 0;
      const texts = fc.oneof(fc.constantFrom('\u0000', 'a\u0000', '\ud800', 'x\udfff', '\\u0000', '<b>', '\u{1F600}'), fc.string({ maxLength: 8, unit: 'binary' }));
      await fc.assert(
        fc.asyncProperty(fc.nat(60), fc.string({ maxLength: 3 }), texts, async (index, pick, text) => {
          const records = [...setupRecords(1, '2026-11-02T00:00:00.000Z'), ...dayRecords(7, '2026-11-02', 12)];
          const record = structuredClone(records[index % records.length]!);
          const data = record.data as Record<string, unknown>;
          const textKeys = Object.keys(data).filter((k) => typeof data[k] === 'string' && !/At$|Day$|hallDay/.test(k));
          if (textKeys.length > 0) data[textKeys[pick.length % textKeys.length]!] = text;
          const response = await api.push(credential, ackSeq + 1, [{ ...record, seq: ackSeq + 1 }]);
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
          if (response.status === 200) ackSeq = response.body.ackSeq;
        }),
        { numRuns: 120, seed: 7 },
      );
      expect(ackSeq).toBeGreaterThan(10);
    }, 180_000);

    it('push: broken JSON, broken gzip, wrong encodings and headers', async () => {
      const cases: { raw: string | Buffer; headers: Record<string, string> }[] = [
        { raw: '{"fromSeq":1,"records":[', headers: { 'content-type': 'application/json' } },
        { raw: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
        { raw: '{"fromSeq":1,"records":[]}', headers: { 'content-type': 'application/json', 'content-encoding': 'br' } },
        { raw: '{"fromSeq":1,"records":[]}', headers: { 'content-type': 'text/plain' } },
        { raw: '{"__proto__":{"x":1},"fromSeq":1,"records":[]}', headers: { 'content-type': 'application/json' } },
      ];
      for (const { raw, headers } of cases) {
        const response = await api.request('POST', '/api/sync/push', { raw, headers: { ...headers, authorization: `Hall ${credential}` } });
        expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }
    });

    it('enroll, pull, track and login with random input', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 30 }), fc.string({ maxLength: 80 }), async (body, since, code) => {
          for (const response of [
            await api.request('POST', '/api/sync/enroll', { body }),
            await api.request('GET', `/api/sync/pull?since=${encodeURIComponent(since)}`, { headers: { authorization: `Hall ${credential}` } }),
            await api.request('GET', `/api/track/${encodeURIComponent(code) || 'x'}`),
            await api.request('POST', `/api/track/${encodeURIComponent(code) || 'x'}/rating`, { body }),
            await api.request('POST', '/api/auth/login', { body }),
            await api.request('POST', '/api/sync/push', { body, headers: { authorization: `Hall ${code}` } }),
          ]) expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
        }),
        { numRuns: 60, seed: 99 },
      );
      expect((await api.request('GET', '/healthz')).status).toBe(200);
    }, 180_000);
  });
}
