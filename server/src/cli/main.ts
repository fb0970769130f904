import { Command, CommanderError } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { registerAudit } from './audit.command.js'
import { registerBackup } from './backup.command.js'
import { EXIT_OK, EXIT_USAGE } from './exit.js'
import { registerKeys } from './keys.command.js'
import { registerMigrate } from './migrate.command.js'
import { registerServe } from './serve.command.js'
import { registerUser } from './user.command.js'

/** `custodia <command>`: one file per command group; --help everywhere. */
export function buildProgram(): Command {
  const program = new Command('custodia')
    .description(
      'Custodia: customer information management under a customer-information security policy',
    )
    .version(packageJson.version, '-V, --version', 'the version of Custodia')
    .showHelpAfterError()
    .exitOverride()
  registerServe(program)
  registerMigrate(program)
  registerUser(program)
  registerAudit(program)
  registerKeys(program)
  registerBackup(program)
  for (const command of program.commands) command.exitOverride()
  for (const command of program.commands.flatMap((c) => c.commands)) command.exitOverride()
  return program
}

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    const ok = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(
      error.code,
    )
    process.exit(ok ? EXIT_OK : EXIT_USAGE)
  }
  throw error
}
