import { defineConfig } from 'vitest/config'

/**
 * One suite, run once per database engine: always on embedded PGlite, and on
 * a PostgreSQL server as well when TEST_DATABASE_URL is set (CI sets it).
 */
const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export default defineConfig({
  test: {
    projects: engines.map((engine) => ({
      extends: true,
      test: {
        name: engine,
        include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
        env: { CUSTODIA_TEST_DB: engine },
      },
    })),
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
  },
})
