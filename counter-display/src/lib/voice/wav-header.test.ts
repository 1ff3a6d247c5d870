import { describe, expect, it } from 'vitest';
import { parseWavHeader } from './wav-header';

type Chunk = [id: string, body: Uint8Array];

function riff(form: string, chunks: readonly Chunk[]): Uint8Array {
  const parts = chunks.map(([id, body]) => {
    const padded = new Uint8Array(8 + body.length + (body.length % 2));
    padded.set(new TextEncoder().encode(id), 0);
    new DataView(padded.buffer).setUint32(4, body.length, true);
    padded.set(body, 8);
    return padded;
  });
  const total = 12 + parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode('RIFF'), 0);
  new DataView(bytes.buffer).setUint32(4, total - 8, true);
  bytes.set(new TextEncoder().encode(form), 8);
  let offset = 12;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function fmt(sampleRate: number, channels: number, bits: number): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint16(0, 1, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, (sampleRate * channels * bits) / 8, true);
  view.setUint16(12, (channels * bits) / 8, true);
  view.setUint16(14, bits, true);
  return body;
}

const samples = (count: number): Uint8Array => new Uint8Array(count);

describe('parseWavHeader', () => {
  it.each([
    ['16 kHz mono 16-bit, half a second', riff('WAVE', [['fmt ', fmt(16000, 1, 16)], ['data', samples(16000)]]), 16000, 0.5],
    ['44.1 kHz stereo with a LIST chunk first', riff('WAVE', [['fmt ', fmt(44100, 2, 16)], ['LIST', samples(5)], ['data', samples(176400)]]), 44100, 1],
  ])('reads %s', (_label, bytes, sampleRate, seconds) => {
    const info = parseWavHeader(bytes);
    expect(info).toMatchObject({ audioFormat: 1, sampleRate });
    expect('durationSeconds' in info && info.durationSeconds).toBeCloseTo(seconds, 5);
  });

  it('counts only the data bytes present when a streaming writer left the size open', () => {
    const bytes = riff('WAVE', [['fmt ', fmt(16000, 1, 16)], ['data', samples(3200)]]);
    new DataView(bytes.buffer).setUint32(bytes.length - 3200 - 4, 0xffffffff, true);
    expect(parseWavHeader(bytes)).toMatchObject({ dataBytes: 3200, durationSeconds: 0.1 });
  });

  it.each([
    ['empty', new Uint8Array(0), 'not-riff-wave'],
    ['an AVI', riff('AVI ', [['fmt ', fmt(16000, 1, 16)]]), 'not-riff-wave'],
    ['MP3 bytes', new TextEncoder().encode('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000'), 'not-riff-wave'],
    ['no fmt chunk', riff('WAVE', []), 'no-fmt-chunk'],
    ['no data chunk', riff('WAVE', [['fmt ', fmt(16000, 1, 16)]]), 'no-data-chunk'],
    ['data before fmt', riff('WAVE', [['data', samples(4)], ['fmt ', fmt(16000, 1, 16)]]), 'data-before-fmt'],
    ['a short fmt chunk', riff('WAVE', [['fmt ', samples(8)], ['data', samples(4)]]), 'short-fmt-chunk'],
  ])('refuses %s', (_label, bytes, error) => {
    expect(parseWavHeader(bytes)).toEqual({ error });
  });
});
