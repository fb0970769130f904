// Builds the server to JavaScript, server/dist/custodia.mjs and the chunks it loads, which
// `npm start` and the `custodia` command run: no TypeScript loader at run
// time (a loader once stalled a process at start). Packages stay outside
// the bundle, loaded from node_modules as usual. The tests build the same
// way into a folder of their own (server/test/built-cli.ts).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const SERVER = path.resolve(import.meta.dirname, '..')

/** Bundles src/cli/main.ts into `outdir`/custodia.mjs; returns that file. */
export async function buildServer(outdir = path.join(SERVER, 'dist')) {
  await build({
    absWorkingDir: SERVER,
    entryPoints: { custodia: 'src/cli/main.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // A command group's code (and the packages it imports) loads when it runs.
    splitting: true,
    sourcemap: true,
    logLevel: 'warning',
  })
  return path.join(outdir, 'custodia.mjs')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = await buildServer(process.argv[2])
  console.log(`built ${path.relative(process.cwd(), file)}`)
}
