/** Ticket states of the design: waiting → called → serving → done, plus the side states. */
export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'parked', 'cancelled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** 绿色通道: elderly 70+, disabled, pregnant, military all share one priority lane. */
export const PRIORITIES = ['normal', 'priority'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Why a visitor used the priority lane; printed nowhere, kept for the manager's figures. */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant', 'military', 'other'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** Outcome at finish: 办结 / 待补正 / 转介. */
export const OUTCOMES = ['resolved', 'pending', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const COUNTER_STATES = ['open', 'paused', 'closed'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

export const ROLES = ['staff', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** kiosk 取号机, board 综合屏, terminal 叫号器 (as a device), pad 评价器. */
export const DEVICE_KINDS = ['kiosk', 'board', 'terminal', 'pad'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const HALL_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type HallLevel = (typeof HALL_LEVELS)[number];

export const PRINTER_STATES = ['ok', 'offline', 'paper-out', 'error'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/** The national 好差评 five-level scale, 5 非常满意 … 1 非常不满意. */
export const SCORES = [5, 4, 3, 2, 1] as const;
export type Score = (typeof SCORES)[number];

/** The four dimensions of the hall's evaluation rules. */
export const RATING_DIMENSIONS = ['attitude', 'efficiency', 'policy', 'competence'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

/** A rating at or below this score opens a follow-up (差评). */
export const BAD_RATING_MAX_SCORE = 2;
