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
  : paths[Path][Method] extends {
        responses: { 201: { content: { 'application/json': infer Body } } }
      }
    ? Body
    : never

export type Me = JsonOf<'/api/v1/me', 'get'>
export type CustomerView = JsonOf<'/api/v1/customers/{id}', 'patch'>
/** GET /customers/{id}: the record, or — once destroyed — the destruction record only (RET-2). */
export type CustomerAnswer = JsonOf<'/api/v1/customers/{id}', 'get'>
export type DestroyedCustomer = Exclude<CustomerAnswer, CustomerView>
export type CustomerPage = JsonOf<'/api/v1/customers', 'get'>
export type Purpose = JsonOf<'/api/v1/purposes', 'get'>['items'][number]
export type CatalogueEntry = JsonOf<'/api/v1/field-catalogue', 'get'>['items'][number]
export type AuditPage = JsonOf<'/api/v1/audit/events', 'get'>
export type AuditEvent = AuditPage['items'][number]
export type Account = JsonOf<'/api/v1/accounts/{id}', 'get'>
export type CreatedAccount = JsonOf<'/api/v1/accounts', 'post'>
/** 202: created, with a role grant waiting for a security administrator (ACC-5). */
export type CreatedPendingAccount =
  paths['/api/v1/accounts']['post']['responses'][202]['content']['application/json']
/** 202: a change of roles whose grant waits for a security administrator (ACC-5). */
export type RoleGrantPending =
  paths['/api/v1/accounts/{id}']['patch']['responses'][202]['content']['application/json']
/** 202: a password reset that waits for a second person; the requester's part of the new password (ACC-4, ACC-5). */
export type PasswordResetPending =
  paths['/api/v1/accounts/{id}/password-reset']['post']['responses'][202]['content']['application/json']
/** The answer to an approval: for a request that re-issues a password, the approver's part, once. */
export type DecidedApproval = JsonOf<'/api/v1/approvals/{id}/approve', 'post'>
/** 202: a two-factor reset that waits for a second person (ACC-4, ACC-5). */
export type TwoFactorResetPending =
  paths['/api/v1/accounts/{id}/two-factor-reset']['post']['responses'][202]['content']['application/json']
export type Approval = JsonOf<'/api/v1/approvals', 'get'>['items'][number]
export type Department = JsonOf<'/api/v1/departments', 'get'>['items'][number]
export type RoleGrant = JsonOf<'/api/v1/roles', 'get'>['items'][number]
export type ApiToken = JsonOf<'/api/v1/tokens', 'get'>['items'][number]
export type CreatedToken = JsonOf<'/api/v1/tokens', 'post'>
export type SecurityAlert = JsonOf<'/api/v1/alerts', 'get'>['items'][number]
export type VerifyResult = JsonOf<'/api/v1/audit/verify', 'get'>
export type Checkpoint = JsonOf<'/api/v1/audit/checkpoints/latest', 'get'>
export type TotpEnrolment = JsonOf<'/api/v1/auth/totp/enrol', 'post'>
export type Permission = Me['permissions'][number]
export type Notice = JsonOf<'/api/v1/notices', 'get'>['items'][number]
export type CustomerConsents = JsonOf<'/api/v1/customers/{id}/consents', 'get'>
export type DataRequest = JsonOf<'/api/v1/requests', 'get'>['items'][number]
export type DataRequestDetail = JsonOf<'/api/v1/requests/{id}', 'get'>
export type Destruction = JsonOf<'/api/v1/destructions', 'get'>['items'][number]
export type RetentionPolicy = JsonOf<'/api/v1/retention/policies', 'get'>['items'][number]
export type RetentionReview = JsonOf<'/api/v1/retention/reviews', 'get'>['items'][number]
export type BackupRun = JsonOf<'/api/v1/backups', 'get'>['items'][number]
