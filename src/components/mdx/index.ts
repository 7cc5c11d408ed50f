import Callout from './Callout.astro';
import ComparisonTable from './ComparisonTable.astro';
import Table from './Table.astro';

/**
 * Components lessons may use without importing them (content/ imports nothing from src/), and
 * replacements for plain Markdown elements (`table`).
 */
export const mdxComponents = { Callout, ComparisonTable, table: Table };
