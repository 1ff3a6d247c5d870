import { describe, expect, it } from 'vitest';
import { nextMediaIndex, parseMediaList, sameMedia, type MediaItem } from './media-rotation';

const poster: MediaItem = { name: 'a.png', url: '/media/a.png', kind: 'image' };
const film: MediaItem = { name: 'b.mp4', url: '/media/b.mp4', kind: 'video' };

describe('media rotation', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 0],
    [3, 0, 1],
    [3, 2, 0],
    [2, 5, 0],
  ])('%i items, at %i → %i', (count, index, expected) => {
    expect(nextMediaIndex(count, index)).toBe(expected);
  });

  it.each([
    ['not a list', { files: [] }, []],
    ['a good list', [poster, film], [poster, film]],
    ['drops odd entries', [poster, { name: 'x.txt', url: '/media/x.txt', kind: 'text' }, null, 3], [poster]],
  ] as const)('parses %s', (_label, body, expected) => {
    expect(parseMediaList(body)).toEqual(expected);
  });

  it('tells an unchanged playlist from a changed one', () => {
    expect(sameMedia([poster, film], [{ ...poster }, { ...film }])).toBe(true);
    expect(sameMedia([poster, film], [film, poster])).toBe(false);
    expect(sameMedia([poster], [poster, film])).toBe(false);
  });
});
