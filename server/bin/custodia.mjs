#!/usr/bin/env node
// Runs the built server (server/dist, made by `npm install` or `npm run build`).
import { existsSync } from 'node:fs'

const built = new URL('../dist/custodia.mjs', import.meta.url)
if (!existsSync(built)) {
  console.error(
    'custodia: the server is not built: run `npm run build`. 服务端尚未构建，请运行 npm run build。',
  )
  process.exit(1)
}
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true)
await import(built.href)
