import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLIPS, type Clip } from './clips';
import { parseWavHeader } from './wav-header';

// The committed pack (scripts/make-voice-pack.ts), or a hall's recordings under the same names.
const PACK_DIR = fileURLToPath(new URL('../../../voice-pack/', import.meta.url));

/**
 * How long a clip may sanely last. Without listening, this is what catches espeak spelling the
 * pinyin out letter by letter (far too long) or an empty/truncated file (far too short).
 */
function saneDuration(clip: Clip): [min: number, max: number] {
  switch (clip.source.kind) {
    case 'pinyin': {
      const syllables = clip.source.pinyin.split(/\s+/).length;
      // espeak at 160 wpm says ~0.35 s a syllable; read with English rules it takes ~0.55 s.
      return [0.12 * syllables, 0.45 * syllables + 0.25];
    }
    case 'english':
      return [0.12, 1.2];
    case 'chime':
      return [0.5, 3];
    case 'silence':
      return [clip.source.seconds - 0.05, clip.source.seconds + 0.05];
  }
}

describe('voice pack', () => {
  it.each(CLIPS.map((clip) => [clip.name, clip] as const))('%s.wav is a playable WAV of sane length', (name, clip) => {
    const info = parseWavHeader(new Uint8Array(readFileSync(`${PACK_DIR}${name}.wav`)));
    if ('error' in info) throw new Error(`${name}.wav: ${info.error}`);
    // PCM or extensible PCM: what every browser's decodeAudioData accepts.
    expect([1, 0xfffe]).toContain(info.audioFormat);
    expect(info.sampleRate).toBeGreaterThanOrEqual(8000);
    const [min, max] = saneDuration(clip);
    expect(info.durationSeconds).toBeGreaterThanOrEqual(min);
    expect(info.durationSeconds).toBeLessThanOrEqual(max);
  });

  it('stays small enough to commit', () => {
    const totalBytes = readdirSync(PACK_DIR)
      .filter((file) => file.endsWith('.wav'))
      .reduce((sum, file) => sum + statSync(`${PACK_DIR}${file}`).size, 0);
    expect(totalBytes).toBeLessThan(2 * 1024 * 1024);
  });
});
