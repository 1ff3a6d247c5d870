import { describe, expect, it } from 'vitest';
import { emptyDraft, ratingBody, toggleChip } from './rating';

describe('ratingBody', () => {
  it.each([
    ['no score yet', { ...emptyDraft() }, undefined, null],
    ['score only', { ...emptyDraft(), score: 5 as const }, undefined, { score: 5 }],
    [
      'score, two dimensions and a comment',
      { score: 2 as const, dimensions: { attitude: 1, efficiency: 3 }, comment: '  等候时间长 ' },
      undefined,
      { score: 2, attitude: 1, efficiency: 3, comment: '等候时间长' },
    ],
    ['from a phone', { ...emptyDraft(), score: 4 as const }, 'trackcode-123', { score: 4, trackingCode: 'trackcode-123' }],
    ['a blank comment is left out', { ...emptyDraft(), score: 3 as const, comment: '   ' }, undefined, { score: 3 }],
  ])('%s', (_label, draft, code, expected) => {
    expect(ratingBody(draft, code)).toEqual(expected);
  });
});

describe('toggleChip', () => {
  it.each([
    ['', '服务很好', '服务很好'],
    ['服务很好', '等候时间长', '服务很好；等候时间长'],
    ['服务很好；等候时间长', '服务很好', '等候时间长'],
    ['等候时间长', '等候时间长', ''],
  ])('%s + %s → %s', (comment, chip, expected) => {
    expect(toggleChip(comment, chip)).toBe(expected);
  });
});
