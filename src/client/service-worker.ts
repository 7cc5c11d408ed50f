/**
 * The service worker (bundled to `dist/sw.js` by src/integrations/service-worker.ts, which injects the
 * precache manifest, the base path and the build id).
 *
 * - Precaches every page, the data files and the scripts those pages load, so the site works offline
 *   after one visit. Instructor-only files are cached the first time they are used instead.
 * - A new build waits: the pages say "a new version is ready" and the learner decides when to switch
 *   (src/client/app-shell.ts). It never reloads a page by itself.
 * - Tabs opened on an earlier build keep working: the earlier build's scripts (`_astro/…`, which a deploy
 *   deletes from the server) are moved to a "previous build" cache when the new build takes over, and
 *   that cache is deleted only when no open page still runs an earlier build.
 */
import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';

/** Injected at build time. */
declare const __BASE_PATH__: string;
declare const __BUILD_ID__: string;

/** The parts of the service-worker global scope used here (the DOM typings describe a window). */
interface ExtendableEvent extends Event {
	waitUntil(promise: Promise<unknown>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
	data: unknown;
}
interface WindowClient {
	postMessage(message: unknown, transfer: Transferable[]): void;
}
interface WorkerScope {
	location: Location;
	skipWaiting(): Promise<void>;
	clients: {
		claim(): Promise<void>;
		matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
	};
	addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
	addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

const ASSETS = `${__BASE_PATH__}_astro/`;
/** Scripts and styles of earlier builds that open tabs may still ask for. */
const PREVIOUS_BUILDS = 'cognito-study-previous-builds';
/** Files that are not precached (instructor-only scripts, the in-browser diagram fallback, bank.json). */
const RUNTIME_ASSETS = 'cognito-study-assets';
const RUNTIME_DATA = 'cognito-study-data';
/** How long an open page has to say which build it runs before it counts as an earlier build. */
const ANSWER_WAIT_MS = 2_000;

const precache = new PrecacheController();
// Written as `self.__WB_MANIFEST` so Workbox finds the spot where the build injects the manifest.
precache.addToCacheList(
	(self as unknown as { __WB_MANIFEST: Array<PrecacheEntry | string> }).__WB_MANIFEST
);

scope.addEventListener('install', (event) => {
	event.waitUntil(precache.install(event as never));
});

scope.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			await keepEarlierBuildAssets();
			await precache.activate(event as never);
			await scope.clients.claim();
			await forgetEarlierBuildsIfUnused();
		})()
	);
});

scope.addEventListener('message', (event) => {
	const type = (event.data as { type?: string } | null)?.type;
	// The learner chose to update (or followed a link while an update was waiting).
	if (type === 'skip-waiting') event.waitUntil(scope.skipWaiting());
	// A page (re)loaded: perhaps the last page of an earlier build is gone now.
	if (type === 'page-loaded') event.waitUntil(forgetEarlierBuildsIfUnused());
});

/** Copies the precached `_astro/` files that the new build no longer lists before they are deleted. */
async function keepEarlierBuildAssets(): Promise<void> {
	const current = await caches.open(precache.strategy.cacheName!);
	const wanted = new Set(precache.getURLsToCacheKeys().values());
	const previous = await caches.open(PREVIOUS_BUILDS);
	for (const request of await current.keys()) {
		if (wanted.has(request.url) || !new URL(request.url).pathname.startsWith(ASSETS)) continue;
		const response = await current.match(request);
		if (response) await previous.put(request.url, response);
	}
}

/** Asks one page which build it runs; no answer (a frozen or still-loading page) counts as "earlier". */
function buildOf(client: WindowClient): Promise<string | undefined> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(undefined), ANSWER_WAIT_MS);
		channel.port1.onmessage = (event) => {
			clearTimeout(timer);
			resolve((event.data as { build?: string } | null)?.build);
		};
		client.postMessage({ type: 'which-build' }, [channel.port2]);
	});
}

/** Deletes the earlier builds' files once every open page runs this build. */
async function forgetEarlierBuildsIfUnused(): Promise<void> {
	if (!(await caches.has(PREVIOUS_BUILDS))) return;
	const pages = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const builds = await Promise.all(pages.map(buildOf));
	if (builds.every((build) => build === __BUILD_ID__)) await caches.delete(PREVIOUS_BUILDS);
}

// 1. This build's precached pages, data and assets (`/practice/?lesson=tokens` is `/practice/`).
registerRoute(new PrecacheRoute(precache, { ignoreURLParametersMatching: [/.*/] }));

// 2. Other `_astro/` files: an earlier build's (for tabs still on it), else cached on first use.
const assetsOnFirstUse = new CacheFirst({
	cacheName: RUNTIME_ASSETS,
	plugins: [new ExpirationPlugin({ maxEntries: 200 })],
});
registerRoute(
	({ url }) => url.origin === scope.location.origin && url.pathname.startsWith(ASSETS),
	async (options) => {
		const previous = await caches.open(PREVIOUS_BUILDS);
		return (await previous.match(options.request)) ?? assetsOnFirstUse.handle(options);
	}
);

// 3. Other same-site files (the instructors' bank.json, pages added since): network first, cached for offline.
registerRoute(
	({ url, request }) =>
		url.origin === scope.location.origin &&
		url.pathname.startsWith(__BASE_PATH__) &&
		request.method === 'GET',
	new NetworkFirst({ cacheName: RUNTIME_DATA, networkTimeoutSeconds: 5 })
);

// Offline and not cached: a page gets the site's "not found" page, anything else fails as usual.
setCatchHandler(async ({ request }) => {
	if (request.destination === 'document') {
		const notFound = await precache.matchPrecache(`${__BASE_PATH__}404.html`);
		if (notFound) return notFound;
	}
	return Response.error();
});
