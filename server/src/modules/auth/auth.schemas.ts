import { z } from 'zod'

export const signInSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().trim().max(16).optional(),
})

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
})

export const totpEnrolmentSchema = z.object({
  /** Base32 secret for manual entry; shown once. */
  secret: z.string(),
  otpauthUri: z.string(),
})

export const totpConfirmSchema = z.strictObject({ code: z.string().trim().min(1).max(16) })
