import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    // Two cores: integration suites each start a hub on its own temp database.
    pool: 'forks',
    maxWorkers: 2,
  },
});
