import { Command, CommanderError } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { EXIT_OK, EXIT_USAGE } from './exit.js'

/**
 * `custodia <command>`: one file per command group, --help everywhere. A
 * group's file (and so the server code it needs) is loaded only when that
 * group is run: `custodia --help` and a mistyped command answer at once.
 */
const GROUPS: {
  name: string
  description: string
  register: () => Promise<(command: Command) => void>
}[] = [
  {
    name: 'serve',
    description: 'start the server and the web console (what `npm start` runs)',
    register: async () => (await import('./serve.command.js')).registerServe,
  },
  {
    name: 'migrate',
    description: 'apply pending database migrations, then exit',
    register: async () => (await import('./migrate.command.js')).registerMigrate,
  },
  {
    name: 'user',
    description: 'manage staff accounts',
    register: async () => (await import('./user.command.js')).registerUser,
  },
  {
    name: 'audit',
    description: 'verify and witness the tamper-evident audit trail',
    register: async () => (await import('./audit.command.js')).registerAudit,
  },
  {
    name: 'keys',
    description: 'manage the master key (CLS-2)',
    register: async () => (await import('./keys.command.js')).registerKeys,
  },
  {
    name: 'import',
    description: 'import customers from a CSV or Excel file as one job, with a dry run (DQ-3)',
    register: async () => (await import('./import.command.js')).registerImport,
  },
  {
    name: 'backup',
    description: 'encrypted backups and their restore checks (OPS-1)',
    register: async () => (await import('./backup.command.js')).registerBackup,
  },
]

/** The program with every group named; the one in `argv` (if any) fully registered. */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('custodia')
    .description(
      'Custodia: customer information management under a customer-information security policy',
    )
    .version(packageJson.version, '-V, --version', 'the version of Custodia')
    .showHelpAfterError()
    .exitOverride()
  const words = argv.slice(2).filter((arg) => !arg.startsWith('-'))
  const named = words[0] === 'help' ? words[1] : words[0]
  for (const group of GROUPS) {
    const command = program.command(group.name).description(group.description)
    if (group.name === named) (await group.register())(command)
  }
  for (const command of program.commands) command.exitOverride()
  for (const command of program.commands.flatMap((c) => c.commands)) command.exitOverride()
  return program
}

try {
  await (await buildProgram(process.argv)).parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    const ok = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(
      error.code,
    )
    process.exit(ok ? EXIT_OK : EXIT_USAGE)
  }
  throw error
}
