import type { FormInstance } from 'antd'
import { ApiError } from './client.js'

/**
 * Puts the server's per-field messages (already in the user's language) on
 * the form fields they name — `contacts.0.name` marks `contacts` — and
 * returns the overall message to show above the form.
 */
export function showServerErrors(form: FormInstance, caught: unknown): string {
  if (!(caught instanceof ApiError))
    return caught instanceof Error ? caught.message : String(caught)
  const fields = Object.entries(caught.body.fields ?? {})
  form.setFields(
    fields.map(([field, message]) => ({
      name: field.split('.')[0] as string,
      errors: [message],
    })),
  )
  return caught.message
}
