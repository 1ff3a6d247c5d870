/**
 * 督办 end to end with real processes (the city's and the hall's own CLIs, PGlite): a bad phone
 * rating at the hall opens a follow-up that the county supervisor sees at the city; the supervisor's
 * 督办 reaches the hall's manager console on its next pull; the manager's 已阅 and the closure go back
 * up through the outbox. The finish dialog's 办件编号 reaches the city's 好差评 export.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api, CITY_PASSWORD, cityCredentials, enrollHall, freePort, HALL_PASSWORD, startCity, startHall, until, type Api, type Proc,
} from './lib/city-network';

interface CityFollowUpRow {
  id: number;
  hallName: string;
  ticketNumber: string | null;
  supervisions: { id: number; message: string; receivedAt: string | null; acknowledgedAt: string | null }[];
}

describe('督办 from the city to a real hall', () => {
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(path);
    return path;
  };
  let city: Proc;
  let hall: Proc;
  const cityApi = api(() => city.url);
  const hallApi: Api = api(() => hall.url);
  let supervisor: string;
  let manager: string;
  let staff: string;
  let hallName: string;

  beforeAll(async () => {
    const cityDir = dir('city-sup-city-');
    city = await startCity({ dataDir: cityDir, port: await freePort() });
    const demo = cityCredentials(cityDir).halls.find((h) => h.areaCode === '410122000000')!;
    hallName = demo.name;
    const hallDir = dir('city-sup-hall-');
    await enrollHall(hallDir, city.url, demo.enrollmentCode);
    hall = await startHall({ dataDir: hallDir, port: await freePort(), level: 'county', name: demo.name, maxBackoffMs: 1500 });
    supervisor = await cityApi.login('zhongmou', CITY_PASSWORD);
    manager = await hallApi.login('manager', HALL_PASSWORD);
    staff = await hallApi.login('zhangwei', HALL_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([city, hall].filter(Boolean).map((proc) => proc.kill('SIGKILL')));
    for (const path of dirs) rmSync(path, { recursive: true, force: true });
  });

  it('a bad rating → city follow-up → 督办 on the hall console → read and closed back at the city', { timeout: 180_000 }, async () => {
    const counters = (await hallApi.get<{ id: number; services: string[] }[]>('/api/counters', staff)).body;
    const counter = counters[0]!;
    const hallDay = (await hallApi.get<{ hallDay: string }>('/api/queue', staff)).body.hallDay;
    const ticket = (await hallApi.post<{ id: number; number: string; trackingCode: string }>('/api/tickets', staff, {
      serviceCode: counter.services[0], requestId: `sup-${Date.now()}`,
    })).body;
    expect((await hallApi.post(`/api/counters/${counter.id}/call`, staff, { ticketId: ticket.id })).status).toBe(200);
    expect((await hallApi.post(`/api/tickets/${ticket.id}/finish`, staff, { outcome: 'resolved', caseNumber: '  （2026）中牟法援字第7号 ' })).status).toBe(200);
    expect((await hallApi.post(`/api/tickets/${ticket.id}/rating`, undefined, { score: 1, comment: '等太久', trackingCode: ticket.trackingCode })).status).toBe(201);

    const openAtCity = async () => (await cityApi.get<CityFollowUpRow[]>('/api/city/follow-ups?area=410122000000', supervisor)).body.filter((f) => f.hallName === hallName);
    await until('the follow-up at the city', async () => (await openAtCity()).length === 1, 30_000, 250);
    const [followUp] = await openAtCity();
    expect(followUp!.ticketNumber).toBe(ticket.number);

    const sent = await cityApi.post<{ id: number }>(`/api/city/follow-ups/${followUp!.id}/supervise`, supervisor, { message: '请两日内回访当事人' });
    expect(sent.status).toBe(201);

    // Down on the hall's next pull (every 15 s): on the manager console's city panel, unread.
    type Status = { supervisions?: { id: number; message: string; ticketNumber: string | null; acknowledgedAt: string | null }[] };
    const atHall = async () => (await hallApi.get<Status>('/api/sync/status', manager)).body.supervisions ?? [];
    await until('the 督办 at the hall', async () => (await atHall()).some((s) => s.id === sent.body.id), 40_000, 250);
    expect((await atHall()).find((s) => s.id === sent.body.id)).toMatchObject({ message: '请两日内回访当事人', ticketNumber: ticket.number, acknowledgedAt: null });
    expect((await hallApi.post(`/api/sync/supervisions/${sent.body.id}/read`, staff)).status).toBe(403);
    expect((await hallApi.post(`/api/sync/supervisions/${sent.body.id}/read`, manager)).status).toBe(200);

    // Received and read, back at the city through the outbox.
    await until('read at the city', async () => {
      const [row] = await openAtCity();
      return row?.supervisions[0]?.acknowledgedAt != null && row.supervisions[0].receivedAt != null;
    }, 30_000, 250);

    // The 办件编号 typed at finish is the export's; the phone rating is channel 二维码, 满意度代码 5.
    const csv = await fetch(`${city.url}/api/city/exports/evaluations.csv?from=${hallDay}&to=${hallDay}&area=410122000000`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(await csv.text()).toContain('（2026）中牟法援字第7号,二维码,匿名,');

    // The manager closes the follow-up at the hall: it leaves the city's open list.
    const hallFollowUps = (await hallApi.get<{ id: number; ticketId: number }[] | { followUps: { id: number; ticketId: number }[] }>('/api/follow-ups', manager)).body;
    const list = Array.isArray(hallFollowUps) ? hallFollowUps : hallFollowUps.followUps;
    const own = list.find((f) => f.ticketId === ticket.id)!;
    expect((await hallApi.post(`/api/follow-ups/${own.id}/close`, manager, { outcome: '已电话回访，当事人表示理解' })).status).toBe(200);
    await until('closed at the city', async () => (await openAtCity()).length === 0, 30_000, 250);
  });
});
