import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

/**
 * One suite, run once per database engine: always on embedded PGlite, and on
 * a PostgreSQL server as well when TEST_DATABASE_URL is set (CI sets it).
 */
const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** The customer-data tests once more with the SM4/SM3 suite (CLS-2: both suites pass the same tests). */
const smSuite = {
  extends: true,
  test: {
    name: 'pglite-sm',
    include: [
      'server/src/modules/customers/**/*.test.ts',
      'server/src/modules/catalogue/**/*.test.ts',
    ],
    env: { CUSTODIA_TEST_DB: 'pglite', CUSTODIA_CIPHER_SUITE: 'sm' },
  },
}

/** Browser tests drive Debian's Chromium; `.ci/run` installs it. */
const browser = {
  extends: true,
  test: { name: 'browser', include: ['e2e/**/*.e2e.test.ts'], env: { CUSTODIA_TEST_DB: 'pglite' } },
}
const withBrowser = existsSync('/usr/bin/chromium')

export default defineConfig({
  test: {
    projects: [
      ...engines.map((engine) => ({
        extends: true,
        test: {
          name: engine,
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'tools/**/*.test.ts'],
          env: { CUSTODIA_TEST_DB: engine },
        },
      })),
      smSuite,
      ...(withBrowser ? [browser] : []),
    ],
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
  },
})
