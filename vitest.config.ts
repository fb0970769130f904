import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

/**
 * One suite, run once per database engine: always on embedded PGlite, and on
 * a PostgreSQL server as well when TEST_DATABASE_URL is set (CI sets it).
 */
const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** Embedded databases are copied from one migrated once per run (server/test/pglite-template.ts). */
const pgliteTemplate = ['server/test/pglite-template.ts']
/** And server databases likewise (server/test/postgres-template.ts). */
const postgresTemplate = ['server/test/postgres-template.ts']
/** The command-line tests run `custodia` built from this run's sources (server/test/built-cli.ts). */
const builtCli = 'server/test/built-cli.ts'

/**
 * The command-line tests start `custodia` against its embedded database
 * whatever the engine, so they run once, in the PGlite project; a command test
 * that needs a PostgreSQL server is named *.command.postgres.test.ts.
 */
const embeddedOnly: Record<string, string[]> = {
  pglite: [],
  postgres: [
    'server/src/cli/*.command.test.ts',
    // Input that never reaches the database unparsed: its answers do not
    // depend on the engine, and 5,000 requests a run on one are enough.
    'server/src/platform/http/fuzz.api.test.ts',
    ...engineFreeTests(),
  ],
}

/**
 * Test files that never open the test database (pure functions, documents,
 * a migration on an embedded database of its own) gain nothing from a second
 * engine: a file is engine-free unless it imports a helper that opens one.
 */
function engineFreeTests(): string[] {
  const opensDatabase =
    /from '[./]*\/test\/(test-database|test-app|factories|customer-fixtures|import-fixtures|http-session|cli-process)\.js'/
  return ['server/src', 'server/test', 'tools'].flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => path.join(root, file))
      .filter((file) => !opensDatabase.test(readFileSync(file, 'utf8'))),
  )
}

/**
 * The customer-data tests once more with the SM4/SM3 suite (CLS-2: both
 * suites pass the same tests) — those whose outcome the suite can change.
 * Who may see a record (scope, entry review, the policy's SQL form; a
 * rejection's sealed reason is the same seal as any field's) and the search
 * at scale (the same blind-index lookup as identifiers.api, on more rows)
 * never open a value differently under another suite.
 */
const smSuite = {
  extends: true,
  test: {
    name: 'pglite-sm',
    include: [
      'server/src/modules/customers/**/*.test.ts',
      'server/src/modules/catalogue/**/*.test.ts',
    ],
    exclude: [
      ...configDefaults.exclude,
      'server/src/modules/customers/customer-scope.api.test.ts',
      'server/src/modules/customers/customer-policy.sql.test.ts',
      'server/src/modules/customers/entry-review.api.test.ts',
      'server/src/modules/customers/search-at-scale.test.ts',
    ],
    env: { CUSTODIA_TEST_DB: 'pglite', CUSTODIA_CIPHER_SUITE: 'sm' },
    globalSetup: [...pgliteTemplate, builtCli],
  },
}

/**
 * Browser tests drive Debian's Chromium; `.ci/run` installs it. They run
 * last (a later sequence group), after the database tests, two files side
 * by side: each is mostly a browser and a server waiting on each other,
 * which two cores serve at once. The console's tests are two files (its own
 * ground, and the daily work) so that neither is the long pole alone.
 */
const browser = {
  extends: true,
  test: {
    name: 'browser',
    include: ['e2e/**/*.e2e.test.ts'],
    env: { CUSTODIA_TEST_DB: 'pglite' },
    globalSetup: [builtCli],
    sequence: { groupOrder: 1 },
    maxWorkers: 2,
  },
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
          exclude: [...configDefaults.exclude, ...(embeddedOnly[engine] ?? [])],
          env: { CUSTODIA_TEST_DB: engine },
          globalSetup:
            engine === 'pglite' ? [...pgliteTemplate, builtCli] : [...postgresTemplate, builtCli],
        },
      })),
      smSuite,
      ...(withBrowser ? [browser] : []),
    ],
    // Much test time is spent waiting on a database server or a child
    // process, so four files run at once (the default on two cores is one):
    // with four, both cores stay busy through the database tests.
    maxWorkers: 4,
    // A worker runs its files one after another in one module graph instead
    // of loading the server's modules afresh for each file (about a fifth of
    // the suite's time). Every file has its own database and test app; what
    // modules keep is keyed by database or holds no test's state.
    isolate: false,
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
  },
})
