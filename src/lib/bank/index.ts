/**
 * Question-bank converters: file text ⇄ question, GIFT, CSV, Anki TSV, validation of imports.
 * Pure (no DOM, no Node): the CLI (src/cli) and the instructor islands both use this barrel.
 */
export * from './types';
export * from './question-file';
export * from './gift';
export * from './csv';
export * from './anki';
export * from './markdown';
export * from './filter';
export * from './scaffold';
export * from './validate';
export * from './import';
export * from './browse';
