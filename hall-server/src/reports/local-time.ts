import { localParts } from '@hall/shared';

/** Milliseconds of local midnight starting a hall day in the hall's time zone. */
export function localMidnight(day: string, timeZone: string): number {
  const noon = Date.parse(`${day}T12:00:00Z`);
  const parts = localParts(noon, timeZone);
  const localNoonAsUtc = Date.parse(`${parts.day}T${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}:00Z`);
  return Date.parse(`${day}T00:00:00Z`) - (localNoonAsUtc - noon);
}
