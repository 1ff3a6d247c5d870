import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesText } from './common';

describe('issuesText: a failed parse as a 400 detail', () => {
  const schema = z.object({ a: z.number(), b: z.object({ c: z.string() }), d: z.number(), e: z.number(), f: z.number(), g: z.number() });

  it('names each field by its path, five at the most', () => {
    const result = schema.safeParse({ a: 'x', b: { c: 1 } });
    expect(result.success).toBe(false);
    const text = issuesText(result.error!);
    expect(text.split('; ').map((part) => part.split(':')[0])).toEqual(['a', 'b.c', 'd', 'e', 'f']);
  });

  it('calls a wrong whole body (body)', () => {
    const result = z.number().safeParse('seven');
    expect(issuesText(result.error!)).toMatch(/^\(body\): /);
  });
});
