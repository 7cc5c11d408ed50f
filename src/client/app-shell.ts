/**
 * What every page runs (loaded by BaseLayout; kept small, with no imports shared with the islands, so it
 * stays inline in the page):
 * - the offline service worker, and updates that never interrupt: "A new version is ready" with a Reload
 *   button; the switch happens when the learner presses it or follows a link, never on its own;
 * - a script of this page that can no longer be loaded (deleted by a deploy) is reported the same way;
 * - the Install button, where the browser offers installation;
 * - the search palette on Ctrl/Cmd+K or "/", loaded on first use.
 */
import { isChunkLoadError, STALE_BUILD_EVENT } from '../lib/stale-build';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const build = document.documentElement.dataset.build;
/** How often a page left open asks the server for a new build (when it becomes visible again). */
const UPDATE_CHECK_MS = 15 * 60 * 1000;

/** How long a link or Reload waits for the new build to take over before it goes ahead anyway. */
const SWITCH_WAIT_MS = 4_000;

let waiting: ServiceWorker | null = null;
let switching = false;

/**
 * Shows the notice bar with one action. The bar is added on first use (an empty status region first, the
 * text a moment later, so screen readers announce it); it never takes focus, so it cannot interrupt an
 * answer, a mock exam or a simulator run.
 */
function notify(message: string, action: { label: string; run: () => void }): void {
	let notice = document.getElementById('app-notice');
	if (!notice) {
		notice = document.createElement('div');
		notice.id = 'app-notice';
		notice.className = 'app-notice no-print';
		notice.innerHTML = '<p role="status"></p><button type="button" class="button"></button>';
		document.body.append(notice);
	}
	const text = notice.querySelector('p')!;
	const button = notice.querySelector('button')!;
	button.textContent = action.label;
	button.onclick = action.run;
	setTimeout(() => {
		text.textContent = message;
		notice.classList.add('is-open');
	}, 100);
}

const reload = () => location.reload();

/** Tells the waiting build to take over, then opens `href` (or reloads) once it has. */
function switchTo(href?: string): void {
	if (!waiting) return href ? location.assign(href) : reload();
	switching = true;
	const go = () => (href ? location.assign(href) : reload());
	navigator.serviceWorker.addEventListener('controllerchange', go);
	// Should the new build not take over, the link (or reload) still happens, on the build there is.
	setTimeout(go, SWITCH_WAIT_MS);
	waiting.postMessage({ type: 'skip-waiting' });
}

function offerUpdate(worker: ServiceWorker): void {
	waiting = worker;
	notify('A new version of this site is ready.', { label: 'Reload', run: () => switchTo() });
}

/** While an update waits, following a link of this site is the moment to switch (no work is lost). */
function switchOnNavigation(event: MouseEvent): void {
	if (!waiting || event.defaultPrevented || event.button !== 0) return;
	if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
	const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
	if (!link || link.target || link.hasAttribute('download')) return;
	const url = new URL(link.href);
	if (url.origin !== location.origin || !url.pathname.startsWith(base)) return;
	if (url.pathname === location.pathname && url.hash) return;
	event.preventDefault();
	switchTo(url.href);
}

async function startServiceWorker(): Promise<void> {
	const container = navigator.serviceWorker;
	// The service worker asks open pages which build they run before it deletes an earlier build's files.
	container.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
		if (event.data?.type === 'which-build') event.ports[0]?.postMessage({ build });
	});
	const hadController = Boolean(container.controller);
	container.addEventListener('controllerchange', () => {
		// Another tab switched to the new build; this page keeps running the one it has until reloaded.
		if (hadController && !switching) {
			notify('A new version of this site is ready.', { label: 'Reload', run: reload });
		}
	});
	const registration = await container.register(`${base}sw.js`, { scope: base });
	container.controller?.postMessage({ type: 'page-loaded' });
	if (registration.waiting && hadController) offerUpdate(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed' && container.controller) offerUpdate(worker);
		});
	});
	let checkedAt = Date.now();
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState !== 'visible' || Date.now() - checkedAt < UPDATE_CHECK_MS) return;
		checkedAt = Date.now();
		registration.update().catch(() => {});
	});
	document.addEventListener('click', switchOnNavigation);
}

function reportStaleBuild(): void {
	notify('A new version of this site is available. Reload to keep going.', {
		label: 'Reload',
		run: reload,
	});
}

function watchInstallPrompt(): void {
	const button = document.getElementById('install-app') as HTMLButtonElement | null;
	if (!button) return;
	let prompt: (Event & { prompt(): Promise<void> }) | null = null;
	window.addEventListener('beforeinstallprompt', (event) => {
		event.preventDefault();
		prompt = event as typeof prompt;
		button.hidden = false;
	});
	button.addEventListener('click', async () => {
		await prompt?.prompt();
		prompt = null;
		button.hidden = true;
	});
	window.addEventListener('appinstalled', () => (button.hidden = true));
}

let palette: Promise<{ openPalette(opener: HTMLElement | null): void }> | null = null;

function openPalette(): void {
	const opener = document.activeElement as HTMLElement | null;
	palette ??= import('./palette');
	palette.then(
		(module) => module.openPalette(opener),
		(error: unknown) => {
			palette = null;
			if (isChunkLoadError(error)) reportStaleBuild();
		}
	);
}

/** True where "/" is typed text rather than a shortcut. */
function isTyping(target: EventTarget | null): boolean {
	const element = target as HTMLElement | null;
	return Boolean(
		element?.isContentEditable || element?.closest?.('input, textarea, select, [role="textbox"]')
	);
}

export function startAppShell(): void {
	if ('serviceWorker' in navigator && import.meta.env.PROD) {
		window.addEventListener('load', () => {
			startServiceWorker().catch((error: unknown) =>
				console.warn('Offline support is unavailable:', error)
			);
		});
	}
	window.addEventListener('vite:preloadError', (event) => {
		event.preventDefault();
		reportStaleBuild();
	});
	window.addEventListener('unhandledrejection', (event) => {
		if (isChunkLoadError(event.reason)) reportStaleBuild();
	});
	window.addEventListener(STALE_BUILD_EVENT, reportStaleBuild);
	watchInstallPrompt();
	document.addEventListener('keydown', (event) => {
		const isK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
		const isSlash =
			event.key === '/' && !event.ctrlKey && !event.metaKey && !isTyping(event.target);
		if ((isK || isSlash) && !event.altKey && !event.defaultPrevented) {
			event.preventDefault();
			openPalette();
		}
	});
	for (const button of document.querySelectorAll('[data-open-palette]')) {
		button.addEventListener('click', openPalette);
	}
	if (/Mac|iPhone|iPad/.test(navigator.platform)) {
		for (const hint of document.querySelectorAll('.tool-hint')) hint.textContent = '⌘ K';
	}
}
