/**
 * Which Chromium to drive (end-to-end tests, build-time diagrams, perf): Playwright's own build when it is
 * installed, otherwise a system Chromium at CHROMIUM_PATH (default /usr/bin/chromium). Playwright cannot
 * download browsers on machines without general internet access, so CI installs Debian's `chromium`.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** `undefined` means "Playwright's bundled Chromium"; a path means a system Chromium; `null` means none. */
export function findChromium(): string | undefined | null {
	const bundled = chromium.executablePath();
	if (bundled && existsSync(bundled)) return undefined;
	const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	return existsSync(system) ? system : null;
}

/** Flags for headless Chromium on locked-down machines (no sandbox, no background network traffic). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
];
