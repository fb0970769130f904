import { expect } from 'vitest'

export type HttpSession = (
  method: string,
  url: string,
  body?: unknown,
) => Promise<{ status: number; json: Record<string, unknown> }>

/** Signs in to a running server over real HTTP and returns a caller bound to the session. */
export async function signInOverHttp(
  port: number,
  username: string,
  password: string,
): Promise<HttpSession> {
  const base = `http://127.0.0.1:${port}/api/v1`
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  expect(login.status).toBe(200)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return async (method, url, body) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }
}
