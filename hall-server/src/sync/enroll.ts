import { hallDayOf } from '@hall/shared';
import type { HallServices } from '../services/hall-services';
import { enrollAtCity } from './city-client';
import { writeSyncCredentials } from './credentials';
import { createSyncRepo } from './sync-repo';

/** How far back enrollment sends history, so the city's figures start with the hall's past year. */
export const BACKFILL_DAYS = 400;

export interface EnrollResult {
  hallId: number;
  hallName: string;
  level: string;
  areaCode: string;
  publicUrl: string;
  queued: number;
}

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * `npm run hall -- enroll <cityUrl> <code>`: trades the one-time code for a credential (stored in
 * DATA_DIR, mode 600), switches the outbox on and queues the setup and the last 400 days of history.
 */
export async function enrollHall(services: HallServices, dataDir: string, cityUrlText: string, code: string, softwareVersion?: string): Promise<EnrollResult> {
  const repo = createSyncRepo(services.ctx.db);
  if (repo.state().enrolled) throw new Error(`this hall is already enrolled at ${repo.state().cityUrl}`);
  if (!URL.canParse(cityUrlText) || !/^https?:$/.test(new URL(cityUrlText).protocol)) {
    throw new Error(`"${cityUrlText}" is not the city server's address (e.g. https://gfw.example.gov.cn)`);
  }
  const cityUrl = new URL(cityUrlText).origin;
  const hallName = services.ctx.hall.setting('hall_name') ?? undefined;
  const enrolled = await enrollAtCity(cityUrl, { code, hallName, softwareVersion, timeZone: services.ctx.timeZone });
  writeSyncCredentials(dataDir, { cityUrl, hallId: enrolled.hallId, credential: enrolled.credential, publicUrl: enrolled.publicUrl });
  const before = repo.lastSeq();
  const today = hallDayOf(services.ctx.clock(), services.ctx.timeZone);
  repo.enroll({ cityUrl, hallId: enrolled.hallId, publicUrl: enrolled.publicUrl }, services.ctx.clock(), daysBefore(today, BACKFILL_DAYS));
  services.ctx.hall.invalidate();
  return {
    hallId: enrolled.hallId, hallName: enrolled.hallName, level: enrolled.level, areaCode: enrolled.areaCode,
    publicUrl: enrolled.publicUrl, queued: repo.lastSeq() - before,
  };
}
