import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { readTlsFiles, TlsFileError, type TlsFiles } from './platform/tls-files.js'
import { meetsPasswordPolicy } from './security/passwords.js'
import { ROLES, type Role } from './security/roles.js'

/**
 * The only reader of process.env. Everything else receives a Config.
 * Names fixed by CONTRACT.md; the CUSTODIA_SESSION_* / LOCKOUT / MFA / PASSWORD
 * variables are our own additions, documented in the README.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const roleList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(ROLES)))

/** proxy-addr's names for address ranges, besides plain addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry) || isIP(entry) !== 0) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || prefix === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix))
    return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

// OPS-3: only these direct peers may say, in X-Forwarded-*, what the client sent.
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.every(isProxyAddress), {
    message:
      'must be a comma-separated list of proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)',
  })

const envSchema = z.object({
  CUSTODIA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CUSTODIA_MASTER_KEY_FILE: z.string().min(1).optional(),
  CUSTODIA_ADMIN_PASSWORD: z
    .string()
    .refine((value) => meetsPasswordPolicy(value, 'admin'), {
      message:
        'is too weak: use at least 12 characters with three of upper case, lower case, digits, symbols, not containing "admin"',
    })
    .optional(),
  CUSTODIA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CUSTODIA_SESSION_IDLE_MINUTES: positiveInt(30),
  CUSTODIA_SESSION_MAX_HOURS: positiveInt(12),
  CUSTODIA_LOCKOUT_ATTEMPTS: positiveInt(5),
  CUSTODIA_LOCKOUT_MINUTES: positiveInt(15),
  CUSTODIA_SIGNIN_RATE_LIMIT: positiveInt(20),
  CUSTODIA_PASSWORD_MAX_AGE_DAYS: positiveInt(90),
  CUSTODIA_MFA_REQUIRED_ROLES: roleList.default(['sysadmin', 'secadmin', 'auditor']),
  // AUD-2: the Cybersecurity Law asks for at least six months of logs.
  CUSTODIA_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(183, 'must be at least 183 (six months)')
    .default(1095),
  // AUD-2: every signed checkpoint is appended here too, outside the database.
  CUSTODIA_AUDIT_WITNESS_FILE: z.string().min(1).optional(),
  // CLS-2: chosen at set-up; a later, different value is refused at start.
  CUSTODIA_CIPHER_SUITE: z.enum(['aes-gcm', 'sm']).optional(),
  CUSTODIA_REVEAL_RATE_LIMIT: positiveInt(30),
  // Issue 18 §2: how long an export may be downloaded once it is ready.
  CUSTODIA_EXPORT_KEEP_HOURS: positiveInt(24),
  // DSR-1: calendar days, working days and deadlines are those of this zone.
  CUSTODIA_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' })
    .default('Asia/Shanghai'),
  CUSTODIA_REQUEST_WORKING_DAYS: positiveInt(15),
  // OPS-1: a backup (then its verification) every so many hours by the server; 0 for none.
  CUSTODIA_BACKUP_INTERVAL_HOURS: z.coerce.number().int().min(0).default(24),
  CUSTODIA_BACKUP_KEEP: positiveInt(7),
  // Issue 18: the largest file an import takes, and how long its sealed copy is kept at most.
  CUSTODIA_IMPORT_MAX_MB: positiveInt(1024),
  CUSTODIA_IMPORT_KEEP_HOURS: positiveInt(72),
  // OPS-3: HTTPS when both are set (PEM files); checked at start.
  CUSTODIA_TLS_CERT_FILE: z.string().min(1).optional(),
  CUSTODIA_TLS_KEY_FILE: z.string().min(1).optional(),
  CUSTODIA_TRUST_PROXY: proxyList.default([]),
  // Issue 17: notifications also by e-mail through this server; unset: none.
  CUSTODIA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must start with smtp:// or smtps://')
    .optional(),
  CUSTODIA_SMTP_FROM: z
    .email({ message: 'must be an e-mail address' })
    .default('custodia@localhost'),
  // Issue 17: the console's address, for links in e-mail; unset: links are paths.
  CUSTODIA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' })
    .optional(),
})

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export type Config = {
  dataDir: string
  databaseUrl: string | undefined
  host: string
  port: number
  masterKeyFile: string
  adminPassword: string | undefined
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  session: { idleMinutes: number; maxHours: number }
  lockout: { attempts: number; minutes: number }
  /** Sign-in attempts allowed per source address per minute. */
  signInRateLimit: number
  /** ACC-4: privileged accounts must rotate their password (S0 篇二 6: quarterly). */
  passwordMaxAgeDays: number
  mfaRequiredRoles: Role[]
  auditRetentionDays: number
  /** AUD-2: the hash-chained witness log of every signed checkpoint, outside the database. */
  auditWitnessFile: string
  /** The cipher suite for a new installation; unset keeps the stored one (default aes-gcm). */
  cipherSuite: 'aes-gcm' | 'sm' | undefined
  /** ACC-2: reveals allowed per account per minute. */
  revealRateLimit: number
  /** The company's time zone: calendar days and request deadlines (DSR-1). */
  timeZone: string
  /** DSR-1: working days to answer a customer request (PIPL Art. 50 practice: 15). */
  requestWorkingDays: number
  /** Issue 18 §2: an export may be downloaded by its requester for `keepHours` once it is ready. */
  exports: { keepHours: number }
  /** OPS-1: scheduled backups into `$dataDir/backups`, the newest `keep` kept; hours 0 for none. */
  backups: { intervalHours: number; keep: number }
  /** Issue 18: an import's file at most `maxBytes`; its sealed copy deleted when the job ends or after `keepHours`. */
  imports: { maxBytes: number; keepHours: number }
  /** OPS-3: serve HTTPS with these PEM files (checked readable and matching at start). */
  tls: TlsFiles | undefined
  /** OPS-3: addresses of reverse proxies whose X-Forwarded-* headers are believed; empty for none. */
  trustProxy: string[]
  /** Issue 17: notifications by e-mail through this SMTP server (unset: none), from this address. */
  smtp: { url: string; from: string } | undefined
  /** Issue 17: the console's address, put in front of the links in e-mail. */
  publicUrl: string | undefined
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`)
  }
}

/** Parses the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'environment')
    throw new ConfigError(variable, describeIssue(issue, env[variable]))
  }
  const e = parsed.data
  const dataDir = path.resolve(e.CUSTODIA_DATA_DIR)
  const tls = tlsFilesOf(e.CUSTODIA_TLS_CERT_FILE, e.CUSTODIA_TLS_KEY_FILE)
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    masterKeyFile: path.resolve(
      e.CUSTODIA_MASTER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key'),
    ),
    adminPassword: e.CUSTODIA_ADMIN_PASSWORD,
    logLevel: e.CUSTODIA_LOG_LEVEL,
    session: {
      idleMinutes: e.CUSTODIA_SESSION_IDLE_MINUTES,
      maxHours: e.CUSTODIA_SESSION_MAX_HOURS,
    },
    lockout: { attempts: e.CUSTODIA_LOCKOUT_ATTEMPTS, minutes: e.CUSTODIA_LOCKOUT_MINUTES },
    signInRateLimit: e.CUSTODIA_SIGNIN_RATE_LIMIT,
    passwordMaxAgeDays: e.CUSTODIA_PASSWORD_MAX_AGE_DAYS,
    mfaRequiredRoles: e.CUSTODIA_MFA_REQUIRED_ROLES,
    auditRetentionDays: e.CUSTODIA_AUDIT_RETENTION_DAYS,
    auditWitnessFile: path.resolve(
      e.CUSTODIA_AUDIT_WITNESS_FILE ?? path.join(dataDir, 'audit', 'witness.log'),
    ),
    cipherSuite: e.CUSTODIA_CIPHER_SUITE,
    revealRateLimit: e.CUSTODIA_REVEAL_RATE_LIMIT,
    exports: { keepHours: e.CUSTODIA_EXPORT_KEEP_HOURS },
    timeZone: e.CUSTODIA_TIME_ZONE,
    requestWorkingDays: e.CUSTODIA_REQUEST_WORKING_DAYS,
    backups: { intervalHours: e.CUSTODIA_BACKUP_INTERVAL_HOURS, keep: e.CUSTODIA_BACKUP_KEEP },
    imports: {
      maxBytes: e.CUSTODIA_IMPORT_MAX_MB * 1024 * 1024,
      keepHours: e.CUSTODIA_IMPORT_KEEP_HOURS,
    },
    tls,
    trustProxy: e.CUSTODIA_TRUST_PROXY,
    smtp: e.CUSTODIA_SMTP_URL
      ? { url: e.CUSTODIA_SMTP_URL, from: e.CUSTODIA_SMTP_FROM }
      : undefined,
    publicUrl: e.CUSTODIA_PUBLIC_URL?.replace(/\/+$/, ''),
  }
}

/** Both files or neither; a set pair must be readable PEM whose key matches the certificate. */
function tlsFilesOf(
  certFile: string | undefined,
  keyFile: string | undefined,
): TlsFiles | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined
  if (certFile === undefined)
    throw new ConfigError('CUSTODIA_TLS_CERT_FILE', 'must be set when CUSTODIA_TLS_KEY_FILE is')
  if (keyFile === undefined)
    throw new ConfigError('CUSTODIA_TLS_KEY_FILE', 'must be set when CUSTODIA_TLS_CERT_FILE is')
  const files = { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) }
  try {
    readTlsFiles(files)
  } catch (error) {
    if (error instanceof TlsFileError) throw new ConfigError(error.variable, error.reason)
    throw error
  }
  return files
}

function describeIssue(issue: z.core.$ZodIssue | undefined, value: string | undefined): string {
  if (!issue) return 'is invalid'
  // Never echo the value itself: it may be a password or a connection string with one.
  const shown = value === undefined ? '' : ' (value not shown)'
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of: ${issue.values.join(', ')}${shown}`
  }
  if (issue.code === 'invalid_type') return `must be a number${shown}`
  return `${issue.message}${shown}`
}
