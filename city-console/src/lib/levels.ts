import type { Level } from './types';

/** The four hall levels, from the city hall down to the village room. */
export const LEVELS: Level[] = ['city', 'county', 'township', 'village'];
