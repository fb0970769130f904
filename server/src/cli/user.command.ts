import { userInfo } from 'node:os'
import { type Command, Option } from 'commander'
import type { Actor } from '../audit/audit-log.js'
import { loadConfig } from '../config.js'
import {
  createAccount,
  findAccountByUsername,
  listAccounts,
  setAccountStatus,
} from '../modules/accounts/index.js'
import type { AppDeps } from '../platform/deps.js'
import { systemCall } from '../platform/http/call.js'
import { normaliseText } from '../platform/text.js'
import { openRuntime } from '../runtime.js'
import { type PasswordRule, unmetPasswordRules } from '../security/passwords.js'
import { ROLES, type Role } from '../security/roles.js'
import { EXIT_FAILED, runCommand, UsageError } from './exit.js'
import { table } from './format.js'

const PASSWORD_RULES: Record<PasswordRule, string> = {
  length: 'it must have 12 to 256 characters',
  classes: 'it must use three of: upper case, lower case, digits, symbols',
  username: 'it must not contain the username',
}

/**
 * The command line is run by whoever operates the server and holds its key
 * files: it acts as a `system` actor named after the operating-system user,
 * and may grant any role directly, as setting up an installation needs (ACC-5).
 */
const cliActor = (): Actor => ({ type: 'system', name: `cli:${operatingSystemUser()}` })

/** The account name of whoever runs the command; its numeric id when the system has no name for it. */
function operatingSystemUser(): string {
  try {
    const name = userInfo().username
    if (name) return name
  } catch {
    // a container user with no passwd entry: fall through
  }
  return process.env.LOGNAME || process.env.USER || `uid ${process.getuid?.() ?? 'unknown'}`
}

async function withDeps(
  work: (deps: AppDeps) => Promise<number | undefined>,
): Promise<number | undefined> {
  const runtime = await openRuntime(loadConfig())
  try {
    return await work(runtime.deps)
  } finally {
    await runtime.close()
  }
}

export function registerUser(user: Command): void {
  user
    .command('add')
    .description('create a staff account; the password is read from standard input')
    .requiredOption(
      '--username <username>',
      'sign-in name (3-32 lower-case letters, digits, . _ -)',
    )
    .addOption(
      new Option('--role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory(),
    )
    .option('--department <name>', 'the department the account belongs to (it must exist)')
    .option(
      '--create-department',
      'create the --department named if there is none yet (with the account, or not at all)',
    )
    .option('--display-name <name>', 'name shown in the console (default: the username)')
    .option('--password-stdin', 'read the password from standard input (required)')
    .option(
      '--own-password',
      'the person who will use the account typed the password themselves: no change at first sign-in (otherwise it must be changed then)',
    )
    .action(
      (options: {
        username: string
        role: Role[]
        department?: string
        createDepartment?: boolean
        displayName?: string
        passwordStdin?: boolean
        ownPassword?: boolean
      }) =>
        runCommand(async () => {
          if (!options.passwordStdin)
            throw new UsageError(
              'user add needs --password-stdin (the password is never taken as an argument)',
            )
          const password = await readPasswordFromStdin()
          if (!password) throw new UsageError('no password on standard input')
          const unmet = unmetPasswordRules(password, options.username)
          if (unmet.length > 0)
            throw new UsageError(
              `the password is refused (ACC-4): ${unmet.map((rule) => PASSWORD_RULES[rule]).join('; ')}`,
            )
          // CUS-2: the same text rule as every HTTP request (platform/text.ts).
          const displayName = cleanOption(options.displayName ?? options.username, '--display-name')
          const department =
            options.department === undefined
              ? undefined
              : cleanOption(options.department, '--department')
          return withDeps(async (deps) => {
            const departmentId = department ? await findDepartment(deps, department) : null
            if (department && !departmentId && !options.createDepartment)
              throw new UsageError(
                `no department named "${department}" (--create-department creates it with the account)`,
              )
            const { account } = await createAccount(systemCall(deps, cliActor()), {
              username: options.username.toLowerCase(),
              displayName,
              roles: options.role,
              departmentId,
              newDepartmentName: department && !departmentId ? department : undefined,
              password,
              passwordChosenByHolder: options.ownPassword === true,
            })
            const change = account.mustChangePassword
              ? '; the password must be changed at first sign-in'
              : ''
            process.stdout.write(
              `Created ${account.username} (${account.roles.join(', ')})${change}.\n`,
            )
            return 0
          })
        }),
    )

  user
    .command('list')
    .description('list staff accounts')
    .action(() =>
      runCommand(() =>
        withDeps(async (deps) => {
          const rows = (await listAccounts(deps)).map((a) => [
            a.username,
            a.status,
            a.roles.join(','),
            a.department?.name ?? '-',
            a.twoFactorEnabled ? '2fa' : '-',
          ])
          const header = ['USERNAME', 'STATUS', 'ROLES', 'DEPARTMENT', 'TWO-FACTOR']
          process.stdout.write(table(header, rows))
          return 0
        }),
      ),
    )

  user
    .command('disable')
    .description('disable an account; its sessions and API tokens stop working at once')
    .requiredOption('--username <username>', 'the account to disable')
    .action((options: { username: string }) =>
      runCommand(() =>
        withDeps(async (deps) => {
          const found = await findAccountByUsername(deps.db, options.username.toLowerCase())
          if (!found) {
            process.stderr.write(`custodia: no account named ${options.username}\n`)
            return EXIT_FAILED
          }
          await setAccountStatus(systemCall(deps, cliActor()), found.id, 'disabled')
          process.stdout.write(`Disabled ${found.username}.\n`)
          return 0
        }),
      ),
    )
}

async function findDepartment(deps: AppDeps, name: string): Promise<string | null> {
  const existing = await deps.db
    .selectFrom('departments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
  return existing?.id ?? null
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
}

function cleanOption(value: string, option: string): string {
  const result = normaliseText(value, { multiline: false })
  if (!result.ok)
    throw new UsageError(
      `${option} contains characters that are not allowed (control, text-direction or line-break characters)`,
    )
  return result.value
}
