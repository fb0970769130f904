import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildServer } from '../scripts/build.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `custodia` command built from the sources of this run. */
    builtCli: string
  }
}

/**
 * Vitest global set-up: the command-line tests run `custodia` as a user
 * does, built to JavaScript exactly as `npm run build` builds it, from the
 * sources under test rather than from whatever server/dist holds. The
 * build lives under server/node_modules so that its packages resolve.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parent = path.resolve(import.meta.dirname, '../node_modules/.cache')
  await mkdir(parent, { recursive: true })
  const dir = await mkdtemp(path.join(parent, 'custodia-cli-'))
  project.provide('builtCli', await buildServer(dir))
  return () => rm(dir, { recursive: true, force: true })
}
