/** A refusal the HTTP layer turns into `{ error: { code, message, ...extra } }` with its status. */
export class CityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new CityError('bad-request', message, 400);
export const unauthorized = (message = 'sign in first') => new CityError('unauthorized', message, 401);
export const forbidden = (message = 'outside your area') => new CityError('forbidden', message, 403);
export const notFound = (what: string) => new CityError('not-found', `${what} not found`, 404);
