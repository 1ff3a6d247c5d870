export const TABS = ['live', 'stats', 'ranking', 'followUps', 'exports', 'booking', 'admin'] as const;
export type Tab = (typeof TABS)[number] | 'hall' | 'bulletin';

export interface RouteState {
  tab: Tab;
  params: Record<string, string>;
}

/** `#/stats?area=410122000000&from=…` → { tab, params }; anything unknown is 实时总览. */
export function parseHash(hash: string): RouteState {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const known: readonly string[] = [...TABS, 'hall', 'bulletin'];
  const tab = (known.includes(path) ? path : 'live') as Tab;
  return { tab, params: Object.fromEntries(new URLSearchParams(search)) };
}

export function hashOf(tab: Tab, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return `#/${tab}${text ? `?${text}` : ''}`;
}
