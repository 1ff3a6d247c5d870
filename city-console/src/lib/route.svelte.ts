import { hashOf, parseHash, type RouteState, type Tab } from './route';

export { TABS, type Tab } from './route';

/** The console's place, kept in the address bar so a page can be bookmarked and sent on. */
export class Route {
  current = $state<RouteState>(parseHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.current = parseHash(location.hash)));
  }

  get tab(): Tab {
    return this.current.tab;
  }

  param(name: string): string | undefined {
    return this.current.params[name] || undefined;
  }

  /** Goes to a tab; `keep` carries the chosen area along. */
  go(tab: Tab, params: Record<string, string | undefined> = {}, keep = true): void {
    const next = hashOf(tab, keep ? { area: this.param('area'), ...params } : params);
    if (next !== location.hash) location.hash = next;
  }

  /** Changes some params of the current page. */
  set(params: Record<string, string | undefined>): void {
    this.go(this.tab, { ...this.current.params, ...params }, false);
  }
}
