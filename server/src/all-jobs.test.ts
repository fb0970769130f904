import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestApp } from '../test/test-app.js'
import { allJobs } from './modules.js'
import { runExclusive } from './platform/jobs.js'

/**
 * Every background job of the server, run as the server runs it: under its
 * lock, which holds a connection of its own for the length of the run. On
 * the embedded database that connection is the only one, so a job that
 * queried through the server's handle instead of the connection it is given
 * would wait on itself for ever — and every request with it (the scheduled
 * backup did, once a day).
 */
describe('background jobs under their lock', () => {
  it('each runs to its end with the connection it is given', async () => {
    const t = await createTestApp()
    const keyFile = path.join(t.deps.config.dataDir, 'keys', 'master.key')
    await mkdir(path.dirname(keyFile), { recursive: true })
    await writeFile(keyFile, t.masterKey.toString('base64'))
    const deps = { ...t.deps, config: { ...t.deps.config, masterKeyFile: keyFile } }
    const ran: string[] = []
    for (const job of allJobs(deps)) {
      expect(await runExclusive(deps.db, job.name, job.run), job.name).toBe(true)
      ran.push(job.name)
    }
    expect(ran).toContain('scheduled-backup')
    expect(ran).toContain('imports-resume')
  })
})
