import type { paths } from './schema.js'

/**
 * What the console reads, taken from the server's OpenAPI document
 * (`npm run api-types` regenerates schema.d.ts; a server test fails when it
 * is out of date), so no shape is written twice.
 */
type JsonOf<
  Path extends keyof paths,
  Method extends 'get' | 'post' | 'patch',
> = paths[Path][Method] extends {
  responses: { 200: { content: { 'application/json': infer Body } } }
}
  ? Body
  : never

export type Me = JsonOf<'/api/v1/me', 'get'>
export type CustomerView = JsonOf<'/api/v1/customers/{id}', 'get'>
export type CustomerPage = JsonOf<'/api/v1/customers', 'get'>
export type Purpose = JsonOf<'/api/v1/purposes', 'get'>['items'][number]
export type CatalogueEntry = JsonOf<'/api/v1/field-catalogue', 'get'>['items'][number]
export type AuditPage = JsonOf<'/api/v1/audit/events', 'get'>
export type AuditEvent = AuditPage['items'][number]
