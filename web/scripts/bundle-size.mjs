// Initial JavaScript of the console, gzipped: what a browser must fetch before the first screen (UI-1).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = path.resolve(import.meta.dirname, '../dist')
const html = await readFile(path.join(dist, 'index.html'), 'utf8')
const initial = [
  ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g),
].map((m) => m[1])
let total = 0
for (const file of initial) {
  const gzipped = gzipSync(await readFile(path.join(dist, file))).length
  total += gzipped
  console.log(`${(gzipped / 1024).toFixed(1).padStart(8)} KB  ${file}`)
}
console.log(
  `${(total / 1024).toFixed(1).padStart(8)} KB  initial JavaScript, gzipped (budget 500 KB)`,
)
