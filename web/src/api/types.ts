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

/** The JSON body a path takes (what a form sends), from the same document. */
export type BodyOf<
  Path extends keyof paths,
  Method extends 'post' | 'patch' | 'put',
> = paths[Path][Method] extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never

export type Me = JsonOf<'/api/v1/me', 'get'>
export type ReceptionMember = JsonOf<'/api/v1/reception/rotation', 'get'>['members'][number]
export type ReceptionCall = JsonOf<'/api/v1/reception/calls', 'get'>['items'][number]
export type ReceptionVisit = JsonOf<'/api/v1/reception/visits', 'get'>['items'][number]
export type PoolCustomer = JsonOf<'/api/v1/pool', 'get'>['items'][number]
export type ReturningCustomer = JsonOf<'/api/v1/pool/returning', 'get'>['items'][number]
export type CustomerView = JsonOf<'/api/v1/customers/{id}', 'patch'>
/** GET /customers/{id}: the record, or — once destroyed — the destruction record only (RET-2). */
export type CustomerAnswer = JsonOf<'/api/v1/customers/{id}', 'get'>
export type DestroyedCustomer = Exclude<CustomerAnswer, CustomerView>
export type Purpose = JsonOf<'/api/v1/purposes', 'get'>['items'][number]
export type CatalogueEntry = JsonOf<'/api/v1/field-catalogue', 'get'>['items'][number]
export type AuditEvent = JsonOf<'/api/v1/audit/events', 'get'>['items'][number]
export type Account = JsonOf<'/api/v1/accounts/{id}', 'get'>
export type CreatedAccount = JsonOf<'/api/v1/accounts', 'post'>
/** 202: created, with a role grant waiting for a security administrator (ACC-5). */
export type CreatedPendingAccount =
  paths['/api/v1/accounts']['post']['responses'][202]['content']['application/json']
/** 202: a password reset that waits for a second person; the requester's part of the new password (ACC-4, ACC-5). */
export type PasswordResetPending =
  paths['/api/v1/accounts/{id}/password-reset']['post']['responses'][202]['content']['application/json']
/** The answer to an approval: for a request that re-issues a password, the approver's part, once. */
export type DecidedApproval = JsonOf<'/api/v1/approvals/{id}/approve', 'post'>
export type Approval = JsonOf<'/api/v1/approvals', 'get'>['items'][number]
export type Department = JsonOf<'/api/v1/departments', 'get'>['items'][number]
export type RoleGrant = JsonOf<'/api/v1/roles', 'get'>['items'][number]
export type ApiToken = JsonOf<'/api/v1/tokens', 'get'>['items'][number]
export type CreatedToken = JsonOf<'/api/v1/tokens', 'post'>
export type SecurityAlert = JsonOf<'/api/v1/alerts', 'get'>['items'][number]
export type TotpEnrolment = JsonOf<'/api/v1/auth/totp/enrol', 'post'>
export type Permission = Me['permissions'][number]
export type Role = Account['roles'][number]
/** A field's protection level (CLS-1): 1 general, 2 important, 3 core. */
export type FieldLevel = BodyOf<'/api/v1/field-catalogue', 'post'>['level']
export type MaskingRule = CatalogueEntry['masking']
export type LegalBasis = Purpose['legalBasis']
export type RequestType = DataRequest['type']
export type RequestStatus = DataRequest['status']
export type CustomerGrade = NonNullable<CustomerSearch['grade']>
export type CustomerSource = NonNullable<CustomerSearch['source']>
type CustomerSearch = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>

/**
 * The last segment of the API's paths under a prefix: the steps it offers on
 * a record (`StepsUnder<'/api/v1/alerts/{id}'>` is 'acknowledge' | 'close').
 */
export type StepsUnder<Prefix extends string> = keyof paths extends infer Path
  ? Path extends `${Prefix}/${infer Step}`
    ? Step
    : never
  : never
export type Notice = JsonOf<'/api/v1/notices', 'get'>['items'][number]
export type CustomerConsents = JsonOf<'/api/v1/customers/{id}/consents', 'get'>
export type DataRequest = JsonOf<'/api/v1/requests', 'get'>['items'][number]
export type DataRequestDetail = JsonOf<'/api/v1/requests/{id}', 'get'>
export type Destruction = JsonOf<'/api/v1/destructions', 'get'>['items'][number]
export type RetentionPolicy = JsonOf<'/api/v1/retention/policies', 'get'>['items'][number]
export type RetentionReview = JsonOf<'/api/v1/retention/reviews', 'get'>['items'][number]
export type BackupRun = JsonOf<'/api/v1/backups', 'get'>['items'][number]
