import { defineConfig } from 'vitest/config';
import base from './vite.config';

/**
 * `npm run test:soak`: the long tests, `*.soak.spec.ts`, which `npm run test:unit` leaves out
 * (the bad-input soak: FUZZ_RUNS cases, 10,000 unless set). Vite's mergeConfig would add the
 * include lists together, so the test options are replaced instead.
 */
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['src/**/*.soak.spec.ts', 'scripts/**/*.soak.spec.ts'],
		exclude: ['node_modules/**'],
		testTimeout: 3_600_000
	}
});
