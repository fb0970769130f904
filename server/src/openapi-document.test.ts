import { readFile } from 'node:fs/promises'
import path from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { renderOpenApiDocument } from './openapi-document.js'

const apiDir = path.resolve(import.meta.dirname, '../../web/src/api')

describe('the console’s API types (UI-1)', () => {
  it('are generated from the OpenAPI document of this build', async () => {
    const committed = await readFile(path.join(apiDir, 'openapi.json'), 'utf8')
    expect(committed === (await renderOpenApiDocument()), 'run `npm run api-types`').toBe(true)
    const types = await readFile(path.join(apiDir, 'schema.d.ts'), 'utf8')
    const generated = astToString(await openapiTS(JSON.parse(committed)))
    expect(types.includes(generated.trim()), 'run `npm run api-types`').toBe(true)
  })
})
