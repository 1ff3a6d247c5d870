import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { DRIVERS, testDatabase, type TestDatabase } from '../testing/city-test';
import { startCityProcess, type CityProcess } from '../testing/city-process';
import { hallHistory } from '../testing/hall-records';
import { freePort } from '../testing/pg-cluster';
import { pushAll } from '../testing/pusher';

const RECORDS = 8000;

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`city SIGKILLed mid-push on ${driver}`, () => {
    let db: TestDatabase | undefined;
    let city: CityProcess | undefined;
    afterAll(async () => {
      await city?.kill();
      db?.dispose();
    });

    it('restarted three times while a hall pushes 8,000 records: every record held once, the ack exact', async () => {
      db = await testDatabase(driver);
      const port = await freePort();
      city = await startCityProcess({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, port });
      const demo = JSON.parse(readFileSync(join(db.dataDir, 'demo-credentials.json'), 'utf8')) as { halls: { enrollmentCode: string }[] };
      const enrolled = await fetch(`${city.url}/api/sync/enroll`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: demo.halls[0]!.enrollmentCode }),
      });
      const { credential, hallId } = (await enrolled.json()) as { credential: string; hallId: number };
      const records = hallHistory(1, RECORDS);
      const url = city.url;
      const pushing = pushAll({ url: () => url, credential, records, batchSize: 400, retryMs: 50, gzip: true });

      const kills: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        await new Promise((done) => setTimeout(done, 300 + round * 250));
        kills.push(await city.kill('SIGKILL'));
        city = await startCityProcess({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, port });
      }
      const result = await pushing;
      expect(kills).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
      expect(result.ackSeq).toBe(RECORDS);
      expect(result.failures).toBeGreaterThan(0);
      expect(await city.kill('SIGTERM')).toBe('0');
      city = undefined;

      const expectedTickets = new Set(records.filter((r) => r.kind === 'ticket').map((r) => `${(r.data as { hallDay: string }).hallDay}|${(r.data as { id: number }).id}`)).size;
      const check = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
      try {
        const log = await check.query<{ n: number; seqs: number; lo: number; hi: number; sum: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, min(seq) AS lo, max(seq) AS hi, sum(seq)::float8 AS sum FROM sync_records WHERE hall_id = $1', [hallId]);
        expect(log.rows[0]).toEqual({ n: RECORDS, seqs: RECORDS, lo: 1, hi: RECORDS, sum: (RECORDS * (RECORDS + 1)) / 2 });
        const hall = await check.query<{ ack_seq: number }>('SELECT ack_seq FROM halls WHERE id = $1', [hallId]);
        expect(hall.rows[0]!.ack_seq).toBe(RECORDS);
        const tickets = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE hall_id = $1', [hallId]);
        expect(tickets.rows[0]!.n).toBe(expectedTickets);
      } finally {
        await check.close();
      }
    }, 400_000);
  });
}
