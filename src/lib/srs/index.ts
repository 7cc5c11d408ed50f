/** Public surface of the spaced-repetition engine (FSRS through ts-fsrs). Import from "@/lib/srs". */
export * from './types';
export * from './errors';
export * from './defaults';
export * from './day';
export * from './scheduler';
export * from './rebuild';
export * from './queue';
export * from './planner';
export * from './readiness';
export * from './optimise';
export * from './stats';
export * from './progress';
