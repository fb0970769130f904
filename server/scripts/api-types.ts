// `npm run api-types`: writes the OpenAPI document the web console's types are generated from.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { renderOpenApiDocument } from '../src/openapi-document.js'

const target = path.resolve(import.meta.dirname, '../../web/src/api/openapi.json')
await writeFile(target, await renderOpenApiDocument())
console.log(`wrote ${path.relative(process.cwd(), target)}`)
