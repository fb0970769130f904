import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendError } from './error-handler.js'

/**
 * The built console (`npm run build -w web`, run by `npm install`), found
 * through its workspace package so that the sources and the built server
 * (server/dist) find the same folder.
 */
export const WEB_DIST = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@custodia/web/package.json'))),
  'dist',
)

/**
 * Serves the web console on the same port as the API (UI-1): files of the
 * build as they are, every other page path the console's index.html so
 * that its router takes over. /api paths never fall through to it.
 */
export async function registerWebConsole(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'))
  if (built) await app.register(fastifyStatic, { root, serve: false })
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const wanted = (request.params as { '*': string })['*']
    if (wanted.startsWith('api/') || wanted === 'api') return sendError(request, reply, 'NOT_FOUND')
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web console is not built: run `npm run build`. 控制台尚未构建。')
    }
    return reply.sendFile(isFileUnder(root, wanted) ? wanted : 'index.html')
  })
}

function isFileUnder(root: string, wanted: string): boolean {
  const file = path.resolve(root, wanted)
  if (!file.startsWith(`${root}${path.sep}`)) return false
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
  } catch {
    // A name too long, a file used as a directory: a page path, not a file (never a 500).
    return false
  }
}
