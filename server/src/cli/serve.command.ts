import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { serve } from '../main.js'
import { runCommand } from './exit.js'

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the server and the web console (what `npm start` runs)')
    .action(() =>
      runCommand(async () => {
        await serve(loadConfig())
        return 0
      }),
    )
}
