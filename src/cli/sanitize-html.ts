/**
 * Content HTML sanitised at build time (the question bank, scenario introductions), with the same
 * DOMPurify policy as the browser, over a jsdom window.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { sanitizeContentHtml } from '../lib/content/sanitize';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis);

export const sanitizeHtml = (html: string): string => sanitizeContentHtml(purify, html);
