import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Which Chromium to drive: Playwright's own build when it is installed, otherwise a system Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium). Playwright cannot download browsers on machines
 * without general internet access, so CI installs Debian's `chromium` package instead.
 */
function chromiumExecutable(): string | undefined {
	const bundled = chromium.executablePath();
	if (bundled && existsSync(bundled)) return undefined;
	const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(system)) {
		throw new Error(
			`No Chromium found. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH; looked for Playwright's build and ${system}.`
		);
	}
	return system;
}

const PORT = Number(process.env.E2E_PORT ?? 4321);

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: process.env.CI ? 2 : undefined,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromiumExecutable(),
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--disable-quic',
						'--no-first-run',
					],
				},
			},
		},
	],
	webServer: {
		// The built site, exactly as `npm start` serves it (`npm run test:e2e` builds first).
		command: `npx astro preview --port ${PORT} --host localhost --ignore-lock`,
		url: `http://localhost:${PORT}/`,
		cwd: '..',
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		env: { ASTRO_TELEMETRY_DISABLED: '1' },
	},
});
