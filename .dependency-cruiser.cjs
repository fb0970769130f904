/**
 * The architecture checker (`npm run lint`, and so CI): the shape of the code
 * that a reviewer should not have to hold in their head. ARCHITECTURE.md,
 * "What the checker enforces", says why each rule exists and how to live with it.
 *
 * Table ownership (a module writes only its own tables) is not visible to an
 * import graph: server/src/db/table-ownership.test.ts checks it.
 */

/** The layers below the domain modules: they serve every module and know none of them. */
const LOWER_LAYERS = '^server/src/(platform|security|db|audit)/'
/** What assembles the server: only the command line and the process entry points use them. */
const COMPOSITION_ROOT =
  '^server/src/(app|main|runtime|bootstrap|read-only-database|openapi-document|approval-kinds|modules)[.]ts$|^server/src/cli/'
const TESTS = '[.]test[.]tsx?$'

/**
 * Known imports past a face, each to be removed by the one named (none
 * today: the customers module takes the consents it needs for a reveal
 * from the composition root, and a customer's age is the customers
 * module's own fact).
 */
const KNOWN_FACE_BYPASSES = {}
const exact = (file) => `^${file.replaceAll('.', '[.]')}$`

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment:
        'An import cycle makes load order decide what a module sees at start, and ties two ' +
        'pieces so that neither can change alone. Move the shared piece into its own file, ' +
        'or turn one dependency around (the lower piece takes what it needs as a parameter).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lower-layer-imports-module',
      comment:
        'platform/, security/, db/ and audit/ serve every module and know none of them. Move ' +
        'the piece they need down into the layer, or have the composition root (app.ts) hand ' +
        'the module’s function in.',
      severity: 'error',
      from: { path: LOWER_LAYERS, pathNot: TESTS },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'imports-composition-root',
      comment:
        'app.ts, main.ts, runtime.ts, the command line and the other entry points assemble the ' +
        'server from the layers and modules; nothing they assemble may import them back.',
      severity: 'error',
      from: { path: '^server/src/(platform|security|db|audit|modules)/', pathNot: TESTS },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'migration-imports-outside-db',
      comment:
        'A released migration must produce the same database forever, so it imports nothing ' +
        'that can change with the code: no module, no security constant. Copy the data in.',
      severity: 'error',
      from: { path: '^server/src/db/migrations/' },
      to: { dependencyTypes: ['local'], pathNot: '^server/src/db/' },
    },
    {
      name: 'module-face-bypassed',
      comment:
        'Another module is used only through what its index.ts exports (its face). Import from ' +
        '`../<module>/index.js`; if what you need is not there, add it to that index.ts — or ask ' +
        'whether it belongs in your module or in a lower layer instead.',
      severity: 'error',
      from: {
        path: '^server/src/modules/([^/]+)/',
        pathNot: [
          '^server/src/modules/customer-data/',
          TESTS,
          ...Object.keys(KNOWN_FACE_BYPASSES).map(exact),
        ],
      },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index[.]ts$'],
      },
    },
    ...Object.entries(KNOWN_FACE_BYPASSES).map(([from, known]) => ({
      name: 'module-face-bypassed',
      comment: 'Past the faces only the known imports listed in KNOWN_FACE_BYPASSES, no more.',
      severity: 'error',
      from: { path: exact(from) },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: [
          `^${from.split('/').slice(0, 4).join('/')}/`,
          '^server/src/modules/[^/]+/index[.]ts$',
          ...known.map(exact),
        ],
      },
    })),
    {
      name: 'customer-data-registry-beyond-holders',
      comment:
        'The customer-data registry (modules/customer-data) lists every module’s holder, ' +
        '`<module>/<module>.customer-data.ts`, and reaches it directly — the one part of a face ' +
        'outside index.ts, so that the registry never loads a module’s routes or services (which ' +
        'would bring the modules that use the registry back in a cycle). Anything else of a ' +
        'module it takes through index.ts.',
      severity: 'error',
      from: { path: '^server/src/modules/customer-data/', pathNot: TESTS },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: [
          '^server/src/modules/customer-data/',
          '^server/src/modules/[^/]+/index[.]ts$',
          '^server/src/modules/([^/]+)/\\1[.]customer-data[.]ts$',
        ],
      },
    },
    {
      name: 'composition-root-bypasses-face',
      comment:
        'The composition root (app.ts, main.ts, the command line, …) uses a module through its ' +
        'index.ts too.',
      severity: 'error',
      from: { path: '^server/src/[^/]+[.]ts$|^server/src/cli/', pathNot: TESTS },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: '^server/src/modules/[^/]+/index[.]ts$',
      },
    },
  ],
  options: {
    // Tests may import anything, and nothing imports a test: they are left out of the graph.
    exclude: { path: TESTS },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle or a bypassed face through types is still one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: './tsconfig.base.json' },
    cache: false,
  },
}
