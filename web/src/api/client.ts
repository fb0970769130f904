import i18n from '../i18n/index.js'

/** The error body every API failure carries (CONTRACT.md). */
export type ApiErrorBody = { code: string; message: string; fields?: Record<string, string> }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message)
  }
}

/** Calls the API with the session cookie and the user's language; throws ApiError on 4xx/5xx. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      'accept-language': i18n.language,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  const json = text ? (JSON.parse(text) as unknown) : undefined
  if (!response.ok) {
    const error = (json as { error?: ApiErrorBody } | undefined)?.error
    throw new ApiError(response.status, error ?? { code: 'INTERNAL', message: response.statusText })
  }
  return json as T
}
