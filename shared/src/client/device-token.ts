const STORAGE_KEY = 'hall.deviceToken';

/**
 * Pairs a browser screen: a URL opened once with `?device=<token>` stores the token and drops it
 * from the address bar (so it does not linger in history or over-the-shoulder photos).
 */
export function takeDeviceToken(win: Pick<Window, 'location' | 'localStorage' | 'history'> = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('device');
  if (fromUrl) {
    win.localStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('device');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.localStorage.getItem(STORAGE_KEY);
}

export function forgetDeviceToken(win: Pick<Window, 'localStorage'> = window) {
  win.localStorage.removeItem(STORAGE_KEY);
}
