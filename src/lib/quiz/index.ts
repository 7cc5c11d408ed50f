/** Public surface of the quiz engine (grading, sessions, mock exams). Import from "@/lib/quiz". */
export * from './types';
export * from './grade';
export * from './shuffle';
export * from './response';
export * from './random';
export * from './session';
export * from './mock-exam';
export * from './filters';
export * from './distractors';
export * from './bank';
