export * from './common';
export * from './tickets';
export * from './ratings';
export * from './hall';
export * from './reports';
export * from './admin';
export * from './report-views';
export * from './sync';
