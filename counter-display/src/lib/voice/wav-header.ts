/** The parts of a WAV (RIFF/WAVE) header the voice pack check needs. */
export interface WavInfo {
  /** 1 = PCM, 3 = IEEE float, 0xFFFE = extensible. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSeconds: number;
}

const ascii = (bytes: Uint8Array, offset: number): string =>
  String.fromCharCode(...bytes.subarray(offset, offset + 4));

/**
 * Reads a WAV header by walking its RIFF chunks (recorders put LIST/fact chunks before `data`),
 * or returns an error code for a file the board could not decode.
 */
export function parseWavHeader(bytes: Uint8Array): WavInfo | { error: string } {
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') return { error: 'not-riff-wave' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined;
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) return { error: 'short-fmt-chunk' };
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
      byteRate = view.getUint32(body + 8, true);
    } else if (id === 'data') {
      if (format === undefined) return { error: 'data-before-fmt' };
      if (byteRate === 0) return { error: 'zero-byte-rate' };
      // Streamed writers leave the size as 0 or 0xFFFFFFFF; the bytes actually present count.
      const dataBytes = Math.min(size, bytes.length - body);
      return { ...format, dataBytes, durationSeconds: dataBytes / byteRate };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  return { error: format === undefined ? 'no-fmt-chunk' : 'no-data-chunk' };
}
