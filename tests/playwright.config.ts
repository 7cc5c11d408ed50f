import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../src/cli/find-chromium';

const executablePath = findChromium();
if (executablePath === null) {
	throw new Error(
		`No Chromium found. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH; looked for Playwright's build and ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}.`
	);
}

const PORT = Number(process.env.E2E_PORT ?? 4321);

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: process.env.CI ? 2 : undefined,
	reporter: [['list']],
	// Outcome guards, not speed checks: generous enough for a 2-core machine under heavy load (speed is
	// measured by `npm run perf`, never asserted here).
	timeout: 120_000,
	expect: { timeout: 20_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: { executablePath, args: CHROMIUM_ARGS },
			},
		},
	],
	webServer: {
		// The built site, exactly as `npm start` serves it (`npm run test:e2e` builds first).
		command: `npx astro preview --port ${PORT} --host localhost --ignore-lock`,
		url: `http://localhost:${PORT}/`,
		cwd: '..',
		reuseExistingServer: !process.env.CI,
		// Starting `astro preview` took over a minute on the 2-core machine under load.
		timeout: 240_000,
		env: { ASTRO_TELEMETRY_DISABLED: '1' },
	},
});
