import Callout from './Callout.astro';
import ComparisonTable from './ComparisonTable.astro';

/** Components lessons may use without importing them (content/ imports nothing from src/). */
export const mdxComponents = { Callout, ComparisonTable };
