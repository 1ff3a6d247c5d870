import type { AreaNode, HallView, Level } from './types';

/** Digits of a 12-digit 行政区划 code that name an area of each level (as the city server counts them). */
export const PREFIX_DIGITS: Record<Level, number> = { city: 4, county: 6, township: 9, village: 12 };

export const prefixOf = (area: Pick<AreaNode, 'code' | 'level'>) => area.code.slice(0, PREFIX_DIGITS[area.level]);

/** The node with this code anywhere under the roots, with the path of names down to it. */
export function findArea(roots: readonly AreaNode[], code: string): { node: AreaNode; path: AreaNode[] } | null {
  for (const root of roots) {
    if (root.code === code) return { node: root, path: [root] };
    const below = findArea(root.children, code);
    if (below) return { node: below.node, path: [root, ...below.path] };
  }
  return null;
}

/** Halls at or below an area. */
export function hallsUnder(halls: readonly HallView[], area: Pick<AreaNode, 'code' | 'level'>): HallView[] {
  const prefix = prefixOf(area);
  return halls.filter((hall) => hall.areaCode.startsWith(prefix));
}
