import type { Figures, RankedEntry } from '@hall/shared';

/**
 * 月度排名: counters or staff ranked by average satisfaction, then 满意率, then number of ratings.
 * Those with fewer than `minRatings` ratings are listed after, unranked: a single 5-star
 * rating must not top the public notice.
 */
export function rankBySatisfaction(groups: readonly (Figures & { key: number; label: string })[], minRatings: number): RankedEntry[] {
  const entries = groups.map((g) => ({
    rank: null as number | null, id: g.key, name: g.label, ratings: g.satisfaction.count, average: g.satisfaction.average,
    satisfiedRate: g.satisfaction.satisfiedRate, served: g.served,
  }));
  const eligible = entries.filter((e) => e.ratings >= minRatings);
  const others = entries.filter((e) => e.ratings < minRatings).sort((a, b) => b.ratings - a.ratings || a.id - b.id);
  const better = (a: RankedEntry, b: RankedEntry) =>
    (b.average ?? 0) - (a.average ?? 0) || (b.satisfiedRate ?? 0) - (a.satisfiedRate ?? 0) || b.ratings - a.ratings;
  eligible.sort((a, b) => better(a, b) || a.id - b.id);
  eligible.forEach((entry, index) => {
    const previous = eligible[index - 1];
    entry.rank = previous && better(previous, entry) === 0 ? previous.rank : index + 1;
  });
  return [...eligible, ...others];
}

/** First and last hall day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
