/**
 * Registers the offline service worker in production builds. Failures are harmless: the site still works
 * online, so they are only logged.
 */
export function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
	window.addEventListener('load', () => {
		navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
			console.warn('Offline support is unavailable:', error);
		});
	});
}
