import { createApiClient, type AvailableSlot, type Booking, type BookingBody, type SlotTemplate } from '@hall/shared';
import type { HallView } from '../lib/types';

/** The 预约台's calls to the city server (DESIGN.md "Appointments"), with the operator's session token. */
export function createBookingApi(token: () => string | null) {
  const http = createApiClient({ token, timeoutMs: 30_000 });
  return {
    halls: (area?: string) => http.get<HallView[]>(`/api/city/halls${area ? `?area=${area}` : ''}`),
    templates: (hallId: number) => http.get<SlotTemplate[]>(`/api/bookings/templates?hallId=${hallId}`),
    availability: (hallId: number, serviceCode: string, from: string, to: string) =>
      http.get<AvailableSlot[]>(`/api/availability?hallId=${hallId}&serviceCode=${serviceCode}&from=${from}&to=${to}`),
    book: (body: BookingBody) => http.post<Booking>('/api/bookings', body),
    cancel: (id: number) => http.post<Booking>(`/api/bookings/${id}/cancel`, {}),
  };
}

/** Hall days from today on, in the hall's zone (China: UTC+8), for the day buttons. */
export function nextDays(now: number, count: number, offsetMinutes = 480): string[] {
  const days: string[] = [];
  for (let i = 0; i < count; i += 1) days.push(new Date(now + offsetMinutes * 60_000 + i * 86_400_000).toISOString().slice(0, 10));
  return days;
}

/** A day button: "12-03 周四" (the weekday of the date itself, whatever the browser's zone). */
export function dayButtonText(day: string, weekdays: readonly string[]): string {
  return `${day.slice(5)} ${weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;
}

/** "09:30" out of an ISO time with the hall's offset (its wall-clock digits are the hall's time). */
export const wallClock = (iso: string) => iso.slice(11, 16);

/** Halls whose name or area code holds every word typed (a county name, a town, a code prefix). */
export function matchHalls(halls: readonly HallView[], typed: string): HallView[] {
  const words = typed.trim().split(/\s+/).filter(Boolean);
  return halls.filter((h) => !h.revoked && words.every((w) => h.name.includes(w) || h.areaCode.startsWith(w)));
}

/** 6 2 0 1 9 3: read back to a caller digit by digit. */
export const spacedCode = (code: string) => code.split('').join(' ');
