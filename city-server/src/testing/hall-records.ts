import type { SyncRecord } from '@hall/shared';

/**
 * Outbox records a hall would push, for tests and the ingest bench: a day of tickets going
 * waiting → called → serving → done, with ratings, as a hall's outbox writes them (one record per
 * change, the full row each time). Deterministic for a given seed.
 */
export interface SimulatedHall {
  /** Next seq to hand out. */
  nextSeq: number;
  records: SyncRecord[];
}

function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The set-up records: services A and B, two counters, two staff. */
export function setupRecords(startSeq: number, at: string): SyncRecord[] {
  let seq = startSeq;
  return [
    { seq: seq++, kind: 'service', at, data: { code: 'A', name: '法律援助', targetWaitMinutes: 15, dailyQuota: null } },
    { seq: seq++, kind: 'service', at, data: { code: 'B', name: '公证服务', targetWaitMinutes: 20, dailyQuota: 200 } },
    { seq: seq++, kind: 'staff', at, data: { id: 11, name: '李娜', staffNo: '0101' } },
    { seq: seq++, kind: 'staff', at, data: { id: 12, name: '王强', staffNo: '0102' } },
    { seq: seq++, kind: 'counter', at, data: { id: 1, name: '1号窗口', services: ['A', 'B'], state: 'open', staffId: 11 } },
    { seq: seq++, kind: 'counter', at, data: { id: 2, name: '2号窗口', services: ['B'], state: 'open', staffId: 12 } },
  ];
}

/**
 * `tickets` tickets of one hall day (08:30 Beijing time on), each with the records of its life:
 * issued, called, started, finished (4 ticket records), and a rating for every third one.
 */
export function dayRecords(startSeq: number, hallDay: string, tickets: number, seed = 1, firstTicketId = 1): SyncRecord[] {
  const random = rng(seed);
  const open = Date.parse(`${hallDay}T00:30:00Z`);
  const records: SyncRecord[] = [];
  let seq = startSeq;
  for (let i = 0; i < tickets; i += 1) {
    const id = firstTicketId + i;
    const serviceCode = i % 3 === 2 ? 'B' : 'A';
    const counterId = serviceCode === 'B' && i % 2 === 0 ? 2 : 1;
    const staffId = counterId === 1 ? 11 : 12;
    const issuedAt = open + i * 40_000;
    const calledAt = issuedAt + Math.floor(60_000 + random() * 1_200_000);
    const startedAt = calledAt + 30_000;
    const finishedAt = startedAt + Math.floor(120_000 + random() * 600_000);
    const base = {
      id, hallDay, number: `${serviceCode}${String(i + 1).padStart(3, '0')}`, serviceCode, originalServiceCode: serviceCode,
      priority: 'normal' as const, source: 'walk-in' as const, issuedAt: iso(issuedAt), counterId: null, staffId: null, recallCount: 0,
      outcome: null, estimatedWaitSeconds: 600, caseNumber: null, calledAt: null, startedAt: null, finishedAt: null,
    };
    records.push({ seq: seq++, kind: 'ticket', at: iso(issuedAt), data: { ...base, state: 'waiting' } });
    const called = { ...base, state: 'called' as const, calledAt: iso(calledAt), counterId, staffId };
    records.push({ seq: seq++, kind: 'ticket', at: iso(calledAt), data: called });
    records.push({ seq: seq++, kind: 'ticket', at: iso(startedAt), data: { ...called, state: 'serving', startedAt: iso(startedAt) } });
    records.push({ seq: seq++, kind: 'ticket', at: iso(finishedAt), data: { ...called, state: 'done', startedAt: iso(startedAt), finishedAt: iso(finishedAt), outcome: 'resolved' } });
    if (i % 3 === 0) {
      const score = 1 + Math.floor(random() * 5);
      records.push({
        seq: seq++, kind: 'rating', at: iso(finishedAt + 20_000),
        data: {
          id, ticketId: id, score, attitude: score, efficiency: null, policy: null, competence: null, comment: i % 2 ? '办事很快' : null,
          channel: 'pad', createdAt: iso(finishedAt + 20_000), excluded: false, excludedReason: null,
        },
      });
    }
  }
  return records;
}

/** `count` consecutive records from `startSeq`: set-up first, then days of tickets from `firstDay` on. */
export function hallHistory(startSeq: number, count: number, firstDay = '2026-11-02', seed = 1): SyncRecord[] {
  const records = setupRecords(1, `${firstDay}T00:00:00.000Z`);
  let day = firstDay;
  let nextId = 1;
  while (records.length < startSeq - 1 + count) {
    const batch = dayRecords(records.length + 1, day, 300, seed + nextId, nextId);
    records.push(...batch);
    nextId += 300;
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
  }
  return records.slice(startSeq - 1, startSeq - 1 + count);
}
