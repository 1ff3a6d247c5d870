import { describe, expect, it } from 'vitest';
import { bookingFigures } from './booking-figures';

describe('bookingFigures', () => {
  it('rates of the bookings not cancelled, mean waits in whole seconds by source', () => {
    expect(bookingFigures({ booked: 4, checkedIn: 2, noShow: 1, cancelled: 1 }, [
      { source: 'walk-in', avgWaitMs: 360_400 }, { source: 'booking', avgWaitMs: 479_600 },
    ])).toEqual({
      booked: 4, checkedIn: 2, noShow: 1, cancelled: 1, checkInRate: 0.5, noShowRate: 0.25, avgWaitBookedSeconds: 480, avgWaitWalkInSeconds: 360,
    });
  });

  it('no bookings: no rates; nobody of a source called: no wait', () => {
    expect(bookingFigures({ booked: 0, checkedIn: 0, noShow: 0, cancelled: 3 }, [{ source: 'walk-in', avgWaitMs: null }])).toEqual({
      booked: 0, checkedIn: 0, noShow: 0, cancelled: 3, checkInRate: null, noShowRate: null, avgWaitBookedSeconds: null, avgWaitWalkInSeconds: null,
    });
  });
});
