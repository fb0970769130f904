import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MODULES } from './modules.js'

const MODULES_DIR = path.join(import.meta.dirname, 'modules')

/** Issue 13 item 4: a module with routes or jobs is served only if it is in the one list. */
describe('the list of modules', () => {
  it('names every module folder whose face offers routes or jobs, and nothing else', async () => {
    const folders = (await readdir(MODULES_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    const served: string[] = []
    for (const folder of folders) {
      const face: Record<string, unknown> = await import(path.join(MODULES_DIR, folder, 'index.ts'))
      if (Object.keys(face).some((name) => /(Routes|Jobs)$/.test(name))) served.push(folder)
    }
    expect(MODULES.map((module) => module.name).sort()).toEqual(served.sort())
    // Each entry gives what its face offers: routes that exist are mounted, jobs scheduled.
    for (const module of MODULES) {
      const face: Record<string, unknown> = await import(
        path.join(MODULES_DIR, module.name, 'index.ts')
      )
      const names = Object.keys(face)
      expect(Boolean(module.routes), `${module.name} routes`).toBe(
        names.some((name) => name.endsWith('Routes')),
      )
      expect(Boolean(module.jobs), `${module.name} jobs`).toBe(
        names.some((name) => name.endsWith('Jobs')),
      )
    }
  })
})
