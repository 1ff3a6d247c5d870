import { ApiError } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { checkInRefusalText, isBookingScan, pressCheckInKey } from './check-in';

const window = { slotStart: '2026-12-02T01:30:00.000Z', slotEnd: '2026-12-02T02:00:00.000Z', checkInFrom: '2026-12-02T00:30:00.000Z', checkInUntil: '2026-12-02T01:50:00.000Z' };

describe('check-in keypad and scanner', () => {
  it.each([
    ['', '1', '1'],
    ['12345', '6', '123456'],
    ['123456', '7', '123456'],
    ['123', 'delete', '12'],
    ['', 'delete', ''],
    ['12', 'A', '12'],
  ])('%s + %s → %s', (typed, key, expected) => {
    expect(pressCheckInKey(typed, key)).toBe(expected);
  });

  it.each([
    ['BK:7:123456', true],
    ['https://city.example.cn/b/123456?hall=7', true],
    ['123456', false],
    ['https://hall/t/abcdefghijklmnop', false],
  ])('%s is a booking scan: %s', (text, expected) => {
    expect(isBookingScan(text)).toBe(expected);
  });
});

describe('checkInRefusalText', () => {
  it.each([
    ['too early', new ApiError(409, 'too-early', 'x', window), '您预约的时段 09:30 开始，请于 08:30 后再来签到'],
    ['too late', new ApiError(409, 'too-late', 'x', window), '预约签到已于 09:50 截止，请返回首页取普通号排队'],
    ['cancelled', new ApiError(404, 'booking-cancelled', 'x'), '该预约已取消，请取普通号排队'],
    ['another day', new ApiError(409, 'booking-other-day', 'x'), '该预约不是今天的，请按预约日期前来'],
    ['unknown', new ApiError(404, 'booking-not-found', 'x'), '未找到该预约，请核对预约码'],
    ['not an ApiError', new Error('boom'), '系统故障，请咨询工作人员'],
  ])('%s', (_label, error, expected) => {
    expect(checkInRefusalText('zh', error, 'Asia/Shanghai')).toBe(expected);
  });
});
