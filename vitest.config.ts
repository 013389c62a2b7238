import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // Native SQLite and real servers: forks isolate better-sqlite3 handles per file.
    pool: 'forks',
    // The CLI tests spawn bin/aime.cjs: build dist/cli first so they run what users run.
    globalSetup: ['test/support/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The scheduler tests pin the zone; everything else runs in Paris so DST days are real.
    env: { TZ: 'Europe/Paris' },
  },
});
