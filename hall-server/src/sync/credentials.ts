import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const FILE = 'city-sync.json';

/** What enrollment leaves in DATA_DIR: the city, this hall's id there, its credential (mode 600). */
export const syncCredentialsSchema = z.object({
  cityUrl: z.string().url(),
  hallId: z.number().int(),
  credential: z.string().min(1),
  publicUrl: z.string(),
});
export type SyncCredentials = z.infer<typeof syncCredentialsSchema>;

export const syncCredentialsFile = (dataDir: string) => join(dataDir, FILE);

/** Writes the credential file atomically, readable by the hall's own user only. */
export function writeSyncCredentials(dataDir: string, credentials: SyncCredentials): void {
  const file = syncCredentialsFile(dataDir);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** The stored credential, or null when the hall never enrolled (or the file is unreadable). */
export function readSyncCredentials(dataDir: string): SyncCredentials | null {
  const file = syncCredentialsFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = syncCredentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : null;
}
