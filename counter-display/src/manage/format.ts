/** Seconds as whole minutes for the console ("12 分钟"); null as a dash. */
export function minutesText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return `${Math.round(seconds / 60)} 分钟`;
}

/** Seconds as minutes with one decimal, the unit of the report tables. */
export function minutes1(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return (Math.round(seconds / 6) / 10).toFixed(1);
}

/** A 0–1 share as a percentage with one decimal. */
export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(2);
}

/** YYYY-MM-DD of a local date. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The named date ranges of the report screen, relative to `today` (YYYY-MM-DD). */
export function presetRange(preset: 'today' | 'week' | 'month' | 'lastMonth' | 'year', today: string): { from: string; to: string } {
  const date = new Date(`${today}T00:00:00`);
  const shift = (days: number) => {
    const d = new Date(date);
    d.setDate(d.getDate() + days);
    return dayOf(d);
  };
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: shift(-6), to: today };
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const last = new Date(date.getFullYear(), date.getMonth(), 0);
      return { from: dayOf(new Date(last.getFullYear(), last.getMonth(), 1)), to: dayOf(last) };
    }
    case 'year':
      return { from: shift(-364), to: today };
  }
}

/** Local date and time of an ISO instant, "2026-11-30 10:05". */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayOf(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
