import { ApiError, createApiClient } from '@hall/shared';
import type {
  AreaNode, AssessmentWeights, CityAdminHall, CityAdminUser, CityEnrollmentCode, CityFollowUp, CityRanking, CitySummary, CitySupervision, CityUser,
  HallView, Level,
} from './types';

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GETs a file with the session's token and hands it to the browser as a download. */
async function download(path: string, filename: string, token: () => string | null): Promise<void> {
  const bearer = token();
  let response: Response;
  try {
    response = await fetch(path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  } catch {
    throw new ApiError(0, 'offline', `cannot reach the city server (GET ${path})`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? 'internal', body?.error?.message ?? `HTTP ${response.status}`);
  }
  saveBlob(await response.blob(), filename);
}

/** Saves a blob under a file name through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Every call the console makes to the city server, in one place (DESIGN.md "City network").
 * `token` is the session's bearer token.
 */
export function createCityApi(token: () => string | null) {
  const http = createApiClient({ token, timeoutMs: 30_000 });
  return {
    login: (username: string, password: string) => http.post<{ token: string; user: CityUser }>('/api/auth/login', { username, password }),
    areas: () => http.get<AreaNode[]>('/api/city/areas'),
    halls: (area?: string) => http.get<HallView[]>(`/api/city/halls${query({ area })}`),
    /** The area's summary; with `hall`, the summary of that one hall (403 outside the user's area, 404 unknown). */
    summary: (from: string, to: string, area?: string, hall?: number) => http.get<CitySummary>(`/api/city/summary${query({ from, to, area, hall })}`),
    ranking: (month: string, area?: string) => http.get<CityRanking>(`/api/city/ranking${query({ month, area })}`),
    weights: () => http.get<AssessmentWeights>('/api/city/assessment-weights'),
    saveWeights: (weights: AssessmentWeights) => http.put<AssessmentWeights>('/api/city/assessment-weights', weights),
    followUps: (area: string | undefined, overdue: boolean) => http.get<CityFollowUp[]>(`/api/city/follow-ups${query({ area, overdue: overdue ? 'true' : undefined })}`),
    supervise: (followUpId: number, message: string) => http.post<CitySupervision>(`/api/city/follow-ups/${followUpId}/supervise`, { message }),
    /** Fetched with the bearer token (never put in a URL), then saved by the browser. */
    downloadEvaluations: (format: 'csv' | 'jsonl', from: string, to: string, area?: string) =>
      download(`/api/city/exports/evaluations.${format}${query({ from, to, area })}`, `evaluations-${from}-${to}.${format}`, token),
    users: () => http.get<CityAdminUser[]>('/api/city/admin/users'),
    addUser: (user: { username: string; password: string; role: 'admin' | 'supervisor'; areaCode: string }) => http.post<CityAdminUser>('/api/city/admin/users', user),
    updateUser: (id: number, change: { disabled?: boolean; role?: 'admin' | 'supervisor'; areaCode?: string }) => http.patch<CityAdminUser>(`/api/city/admin/users/${id}`, change),
    resetPassword: (id: number, password: string) => http.post<null>(`/api/city/admin/users/${id}/password`, { password }),
    addArea: (area: { code: string; name: string; level: Level; parentCode: string | null }) => http.post<{ code: string }>('/api/city/admin/areas', area),
    adminHalls: () => http.get<CityAdminHall[]>('/api/city/admin/halls'),
    addHall: (hall: { name: string; level: Level; areaCode: string }) => http.post<CityEnrollmentCode>('/api/city/admin/halls', hall),
    revokeHall: (hallId: number) => http.post<null>(`/api/city/admin/halls/${hallId}/revoke`),
    rekeyHall: (hallId: number) => http.post<CityEnrollmentCode>(`/api/city/admin/halls/${hallId}/rekey`),
  };
}
export type CityApi = ReturnType<typeof createCityApi>;
