import { ApiError } from '@hall/shared';
import { createCityApi } from './api';
import { zh } from './i18n';
import type { CityUser } from './types';

const TOKEN_KEY = 'city.token';
const USER_KEY = 'city.user';

/** What a screen shows for a refusal: the code through the i18n table, never raw server text. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return zh.error.forbidden!;
    return zh.error[error.code] ?? `${zh.error.internal}（${error.code}）`;
  }
  return String(error);
}

/** The signed-in supervisor or admin; the token lives for this browser tab. */
export class Session {
  token = $state<string | null>(sessionStorage.getItem(TOKEN_KEY));
  user = $state<CityUser | null>(readUser());
  error = $state<string | null>(null);
  busy = $state(false);

  readonly api = createCityApi(() => this.token);

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  async login(username: string, password: string): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const session = await this.api.login(username, password);
      sessionStorage.setItem(TOKEN_KEY, session.token);
      sessionStorage.setItem(USER_KEY, JSON.stringify(session.user));
      this.token = session.token;
      this.user = session.user;
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  /** Signs out locally (the city keeps no cookie); also what a 401 leads to. */
  logout(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    this.token = null;
    this.user = null;
  }

  /** A 401 from any call ends the session; anything else is the caller's to show. */
  check(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) {
      this.logout();
      this.error = zh.error.unauthorized!;
    }
  }
}

function readUser(): CityUser | null {
  try {
    return JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as CityUser | null;
  } catch {
    return null;
  }
}
