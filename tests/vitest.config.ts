import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const alias = { '@': fileURLToPath(new URL('../src', import.meta.url)) };

export default defineConfig({
	root,
	resolve: { alias },
	test: {
		// Guards against hangs, not speed checks: a 2-core machine under load runs a 1-second test for many
		// seconds, and speed is measured by `npm run bench`, never asserted.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/unit/components/**'],
				},
			},
			{
				extends: true,
				plugins: [preact()],
				test: {
					name: 'dom',
					environment: 'jsdom',
					include: ['tests/unit/components/**/*.test.{ts,tsx}'],
				},
			},
		],
	},
});
