import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { serve } from '../main.js'
import { runCommand } from './exit.js'

export function registerServe(serveCommand: Command): void {
  serveCommand.action(() =>
    runCommand(async () => {
      await serve(loadConfig())
      return 0
    }),
  )
}
