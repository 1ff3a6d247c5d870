import { issuesText } from '@hall/shared';
import type { z } from 'zod';
import { HallError } from '../services/errors';

/** Validates input with a shared zod schema; a failure becomes 400 `bad-request` naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new HallError('bad-request', issuesText(result.error), 400);
}
