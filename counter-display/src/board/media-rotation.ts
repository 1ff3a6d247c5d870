/** One file of the hall's legal-education media (GET /api/media). */
export interface MediaItem {
  name: string;
  url: string;
  kind: 'image' | 'video';
}

/** How long a still image stays up; videos run to their end. */
export const IMAGE_SECONDS = 10;

/** Keeps only well-formed entries: the board must not crash on a surprising file list. */
export function parseMediaList(body: unknown): MediaItem[] {
  if (!Array.isArray(body)) return [];
  return body.filter((item): item is MediaItem => {
    if (typeof item !== 'object' || item === null) return false;
    const { name, url, kind } = item as Record<string, unknown>;
    return typeof name === 'string' && typeof url === 'string' && (kind === 'image' || kind === 'video');
  });
}

/** The item after `index`, wrapping; 0 for a list that shrank under it. */
export function nextMediaIndex(count: number, index: number): number {
  if (count <= 0) return 0;
  return index + 1 >= count ? 0 : index + 1;
}

/** Whether a refetched list is the same playlist, so the item on screen is not restarted. */
export function sameMedia(a: readonly MediaItem[], b: readonly MediaItem[]): boolean {
  return a.length === b.length && a.every((item, index) => item.url === b[index]?.url && item.kind === b[index]?.kind);
}
