import createClient from 'openapi-fetch'
import i18n from '../i18n/index.js'
import type { paths } from './schema.js'

/** The error body every API failure carries (CONTRACT.md). */
export type ApiErrorBody = {
  code: string
  message: string
  fields?: Record<string, string>
  /** What the server chose to tell beyond the message (e.g. who registered a customer first). */
  details?: Record<string, unknown>
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message)
  }
}

/**
 * The API, typed by the server's OpenAPI paths (schema.d.ts): a wrong path,
 * parameter or body does not compile. Sends the session cookie and the
 * user's language; JSON only when there is a body.
 */
export const client = createClient<paths>({ credentials: 'same-origin' })

client.use({
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language)
    return request
  },
})

/**
 * The body of a successful answer; throws ApiError on 4xx/5xx with the
 * server's `{ error: { code, message, fields } }`, so pages and TanStack
 * Query see a failure as a rejection, as they always have.
 */
export async function answer<Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await call
  if (!response.ok) {
    const body = (error as { error?: ApiErrorBody } | undefined)?.error
    throw new ApiError(response.status, body ?? { code: 'INTERNAL', message: response.statusText })
  }
  return data as Data
}
