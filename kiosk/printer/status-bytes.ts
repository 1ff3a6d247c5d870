import type { PrinterStatus } from './types';

/**
 * DLE EOT n (10 04 n), the real-time status query: the printer answers one byte at once, even in
 * the middle of a job. Each answer has fixed bits (bit 1 and bit 4 set, bits 0 and 7 clear), which
 * lets us reject stray bytes. https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html
 */
export const STATUS_QUERY = {
  printer: Buffer.from([0x10, 0x04, 0x01]),
  offlineCause: Buffer.from([0x10, 0x04, 0x02]),
  paperSensor: Buffer.from([0x10, 0x04, 0x04]),
} as const;

const OFFLINE = 0x08;
const COVER_OPEN = 0x04;
const ERROR_OCCURRED = 0x40;
const PAPER_NEAR_END = 0x0c;
const PAPER_END = 0x60;

/** True for a byte shaped like a DLE EOT answer (fixed bits 0x12 under mask 0x93). */
export function isStatusByte(value: number): boolean {
  return (value & 0x93) === 0x12;
}

export interface StatusBytes {
  printer: number;
  paperSensor: number;
  /** Present only when the printer reported itself offline and answered n=2. */
  offlineCause?: number;
}

/** Maps DLE EOT answers to the hall server's four printer states; paper out wins over the offline it causes. */
export function interpretStatus({ printer, paperSensor, offlineCause }: StatusBytes): PrinterStatus {
  if ((paperSensor & PAPER_END) !== 0) return { state: 'paper-out', message: 'roll paper end sensor: no paper' };
  if ((printer & OFFLINE) !== 0) {
    if (offlineCause !== undefined && (offlineCause & ERROR_OCCURRED) !== 0) {
      return { state: 'error', message: 'printer reports an error (cutter jam or head overheated)' };
    }
    if (offlineCause !== undefined && (offlineCause & COVER_OPEN) !== 0) {
      return { state: 'offline', message: 'cover open' };
    }
    return { state: 'offline', message: 'printer reports offline' };
  }
  if ((paperSensor & PAPER_NEAR_END) !== 0) return { state: 'ok', message: 'paper near end' };
  return { state: 'ok' };
}
