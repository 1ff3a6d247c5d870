import type { PullSupervision, SyncRecord } from '@hall/shared';
import type { Queryable } from '../db/database';
import { supervisionRepo } from '../repos/supervision-repo';

/** Applies a push's `supervision` records (received / read at the hall) inside the batch's transaction. */
export async function applySupervisionRecords(tx: Queryable, hallId: number, records: readonly SyncRecord[]) {
  const rows = new Map<number, { id: number; received_at: number; acknowledged_at: number | null }>();
  for (const record of records) {
    if (record.kind !== 'supervision') continue;
    const d = record.data;
    rows.set(d.id, { id: d.id, received_at: Date.parse(d.receivedAt), acknowledged_at: d.acknowledgedAt === null ? null : Date.parse(d.acknowledgedAt) });
  }
  if (rows.size > 0) await supervisionRepo(tx).markSupervisions(hallId, JSON.stringify([...rows.values()]));
}

/** 督办 reminders for this hall in (since, upTo]. */
export async function supervisionsForPull(db: Queryable, hallId: number, since: number, upTo: number): Promise<PullSupervision[]> {
  return (await supervisionRepo(db).supervisionsForPull(hallId, since, upTo)).map((s) => ({
    id: s.id, followUpId: s.follow_up_id, message: s.message, by: s.by_username, at: new Date(s.created_at).toISOString(),
  }));
}
