/** Content HTML sanitised in the browser (the instructors' live preview of a draft question). */
import DOMPurify from 'dompurify';
import { sanitizeContentHtml } from '../lib/content/sanitize';

/**
 * Sanitised HTML; empty where there is no DOM (when the build pre-renders an island), so nothing unchecked
 * is ever written into a page.
 */
export const sanitizeHtml = (html: string): string =>
	DOMPurify.isSupported ? sanitizeContentHtml(DOMPurify, html) : '';
