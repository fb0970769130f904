import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../../test/test-app.js'
import { buildApp } from '../../app.js'

/** What an operator reads at the default level: the API requests, not probes and console files. */
describe('request logging (CLS-6)', () => {
  it('logs API requests at info, and liveness probes and console files only at debug', async () => {
    const { deps } = await createTestApp()
    const lines: string[] = []
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await buildApp(deps, { logStream, logLevel: 'info' })
    afterAll(() => app.close())
    for (const url of ['/healthz', '/', '/assets/index.js', '/api/v1/auth/me']) {
      await app.inject({ method: 'GET', url })
    }
    const paths = lines.map((line) => JSON.parse(line).req?.path).filter(Boolean)
    expect(paths).toEqual(['/api/v1/auth/me'])
  })
})
