import { describe, expect, it } from 'vitest';
import { chipOn, contactInvalid, emptyDraft, ratingBody, servedByText, toggleChip } from './rating-form';

describe('ratingBody', () => {
  it.each([
    ['no score yet', emptyDraft(), null],
    ['score only', { ...emptyDraft(), score: 5 as const }, { score: 5 }],
    [
      'score, two dimensions and a comment',
      { score: 2 as const, dimensions: { attitude: 1, efficiency: 3 }, comment: '  等候时间长 ' },
      { score: 2, attitude: 1, efficiency: 3, comment: '等候时间长' },
    ],
    ['a blank comment is left out', { ...emptyDraft(), score: 3 as const, comment: '   ' }, { score: 3 }],
    ['an out-of-range dimension is left out', { score: 4 as const, dimensions: { policy: 9 }, comment: '' }, { score: 4 }],
  ])('%s', (_label, draft, expected) => {
    expect(ratingBody(draft)).toEqual(expected);
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

  it('knows which chips are on', () => {
    expect(chipOn('服务很好；等候时间长', '等候时间长')).toBe(true);
    expect(chipOn('服务很好', '等候')).toBe(false);
  });
});

describe('servedByText', () => {
  it.each([
    [{ counterName: '1号窗口', staffName: '张伟', staffNo: '0101' }, '1号窗口 张伟（工号 0101）'],
    [{ counterName: '1号窗口', staffName: '张伟', staffNo: null }, '1号窗口 张伟'],
    [{ counterName: '3号窗口', staffName: null, staffNo: null }, '3号窗口'],
    [{ counterName: null, staffName: null, staffNo: '0101' }, null],
  ])('%o → %s', (parts, expected) => {
    expect(servedByText(parts, '工号')).toBe(expected);
  });
});

describe('the phone left for a follow-up', () => {
  it.each([
    ['a bad score with a phone', { ...emptyDraft(), score: 1 as const, contact: ' 13812345678 ' }, { score: 1, contactPhone: '13812345678' }],
    ['a good score never sends one', { ...emptyDraft(), score: 5 as const, contact: '13812345678' }, { score: 5 }],
    ['a blank phone is left out', { ...emptyDraft(), score: 2 as const, contact: '  ' }, { score: 2 }],
  ])('%s', (_what, draft, body) => {
    expect(ratingBody(draft)).toEqual(body);
  });
  it.each([['', false], ['13812345678', false], ['0371-12345678', false], ['12345', true], ['电话', true]])('%j invalid: %s', (contact, invalid) => {
    expect(contactInvalid(contact)).toBe(invalid);
  });
});
