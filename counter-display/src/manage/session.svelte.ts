import { ApiError, createApiClient, type SessionUser } from '@hall/shared';

const TOKEN_KEY = 'hall.managerToken';

/** The signed-in manager: token kept for this browser tab (socket auth needs it, the cookie serves fetches). */
export class Session {
  token = $state<string | null>(sessionStorage.getItem(TOKEN_KEY));
  user = $state<SessionUser | null>(null);
  /** 'checking' until /api/me answers; 'out' shows the login form; 'forbidden' a staff account. */
  status = $state<'checking' | 'out' | 'in' | 'forbidden'>('checking');
  error = $state<string | null>(null);
  busy = $state(false);

  readonly api = createApiClient({ token: () => this.token, timeoutMs: 30_000 });

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  /** Resumes a session from the stored token (or the cookie). */
  async resume(): Promise<void> {
    try {
      const me = await this.api.get<{ kind: string; user?: SessionUser }>('/api/me');
      if (me.kind !== 'staff' || !me.user) throw new ApiError(401, 'unauthorized', 'not staff');
      this.#enter(me.user);
    } catch {
      this.status = 'out';
    }
  }

  async login(username: string, password: string): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const session = await this.api.post<{ token: string; user: SessionUser }>('/api/auth/login', { username, password });
      this.token = session.token;
      sessionStorage.setItem(TOKEN_KEY, session.token);
      this.#enter(session.user);
    } catch (error) {
      this.error = error instanceof ApiError ? error.text() : String(error);
    } finally {
      this.busy = false;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.api.post('/api/auth/logout');
    } catch {
      // Signing out locally is what matters.
    }
    sessionStorage.removeItem(TOKEN_KEY);
    this.token = null;
    this.user = null;
    this.status = 'out';
  }

  #enter(user: SessionUser) {
    this.user = user;
    this.status = user.role === 'staff' ? 'forbidden' : 'in';
  }
}
