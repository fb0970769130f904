import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { ensureInitialAdmin, INITIAL_ADMIN } from './bootstrap.js'
import type { Config } from './config.js'
import { sealLegacyRecipients } from './modules/consents/index.js'
import { allJobs } from './modules.js'
import { startJobs } from './platform/jobs.js'
import { openRuntime } from './runtime.js'

/** One line for the person who started the server: where the console is. */
function startedLine(config: Config, app: FastifyInstance): string {
  const scheme = config.tls ? 'https' : 'http'
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const origin = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`
  return `Custodia is running: the console is at ${origin}/ and the API documentation at ${origin}/api/docs (Ctrl-C stops it).`
}

/** `custodia serve`: config -> database -> app -> listen. Resolves when the server has stopped. */
export async function serve(config: Config): Promise<void> {
  const runtime = await openRuntime(config)
  const { deps } = runtime
  const admin = await ensureInitialAdmin(deps).catch(async (error: unknown) => {
    await runtime.close()
    throw error
  })
  // CLS-2: recipients kept in plain text by an older version are sealed before anyone is served.
  await sealLegacyRecipients(deps).catch(async (error: unknown) => {
    await runtime.close()
    throw error
  })
  if (admin.generatedPassword) {
    // Printed once to the terminal, never to the log (CONTRACT.md first start).
    process.stdout.write(
      `\nCustodia created the administrator account "${INITIAL_ADMIN}" with the one-time password:\n\n    ${admin.generatedPassword}\n\nIt must be changed at first sign-in.\n\n`,
    )
  }
  const app = await buildApp(deps, { logLevel: config.logLevel })
  const stopJobs = startJobs(deps.db, allJobs(deps), app.log)

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      stopJobs()
      await app.close()
      await runtime.close()
    })()
    return stopping
  }
  const closed = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'stopping')
        stop().then(resolve, resolve)
      })
    }
  })
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await stop()
    throw error
  }
  process.stdout.write(`${startedLine(config, app)}\n`)
  await closed
}
