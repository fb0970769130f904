import { z } from 'zod'
import { PERMISSIONS } from '../../security/permissions.js'
import { ROLES } from '../../security/roles.js'

export const roleSchema = z.enum(ROLES)

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => /^[a-z0-9][a-z0-9._-]{2,31}$/.test(value), {
    params: { fieldMessage: 'usernameFormat' },
  })

export const accountViewSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(roleSchema),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  twoFactorEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  passwordChangedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  /** A role grant waiting for a second person (ACC-5): the roles the account will hold once approved. */
  pendingRoleGrant: z
    .object({ approvalId: z.uuid(), roles: z.array(roleSchema), requestedAt: z.iso.datetime() })
    .nullable(),
  /** A two-factor reset waiting for a second person (ACC-4, ACC-5); until approved the enrolment stays. */
  pendingTwoFactorReset: z
    .object({ approvalId: z.uuid(), requestedAt: z.iso.datetime() })
    .nullable(),
  /** A password reset waiting for a second person (ACC-4, ACC-5); until approved the old password works. */
  pendingPasswordReset: z
    .object({ approvalId: z.uuid(), requestedAt: z.iso.datetime() })
    .nullable(),
})
export type AccountView = z.infer<typeof accountViewSchema>

export const meSchema = accountViewSchema.extend({
  permissions: z.array(z.enum(PERMISSIONS)),
  /** What the account must do before anything else, if anything (ACC-4). */
  pendingAction: z.enum(['change_password', 'enrol_totp']).nullable(),
  authenticatedBy: z.enum(['session', 'token']),
  /** The customer-field levels the caller sees masked and may reveal (ACC-1), so a screen offers only what the server allows. */
  dataAccess: z.object({ viewMaxLevel: z.int(), revealMaxLevel: z.int() }),
  /** The company's time zone (CUSTODIA_TIME_ZONE), the one deadlines are counted in: the console shows every time in it. */
  timeZone: z.string(),
})

export const createAccountSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  roles: z.array(roleSchema).min(1).max(ROLES.length),
  departmentId: z.uuid().nullable().optional(),
  /** Omit to have a one-time password generated, to be changed at first sign-in. */
  password: z.string().min(1).max(256).optional(),
})

export const updateAccountSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  roles: z.array(roleSchema).min(1).max(ROLES.length).optional(),
  departmentId: z.uuid().nullable().optional(),
})

export const accountIdParams = z.strictObject({ id: z.uuid() })

export const oneTimePasswordSchema = z.object({
  account: accountViewSchema,
  /** Shown once; the account must change it at first sign-in. */
  oneTimePassword: z.string().nullable(),
})

/** A create or change whose role grant waits for a 安全管理员 (ACC-5); the rest has taken effect. */
export const roleGrantPendingSchema = z.object({
  id: z.uuid(),
  status: z.literal('pending_approval'),
  approvalId: z.uuid(),
  account: accountViewSchema,
})

/**
 * A request that, once approved, re-issues the account's one-time password as
 * split knowledge (split-credentials.ts): the requester's part, shown once;
 * the approver is shown the other part when approving, and the password is
 * this part followed by that one, nothing between them.
 */
export const splitCredentialPendingSchema = roleGrantPendingSchema.extend({
  oneTimePasswordFirstPart: z.string(),
})

/** A two-factor reset that waits for a second person (ACC-4, ACC-5); nothing has changed yet. */
export const twoFactorResetPendingSchema = roleGrantPendingSchema
