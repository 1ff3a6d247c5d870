export * from './domain/enums';
export * from './domain/ticket-number';
export * from './domain/hall-day';
export * from './domain/catalogue';
export * from './schemas';
export * from './protocol/events';
export * from './i18n/errors';
