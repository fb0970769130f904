import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '../../config.js'

/** One message by e-mail: plain text only. */
export type Mail = { to: string; subject: string; text: string }

/** What sends notifications by e-mail: the SMTP server of CUSTODIA_SMTP_URL, or nothing. */
export type Mailer = { send(mail: Mail): Promise<void> }

const transports = new Map<string, Transporter>()

/** The mailer of the configuration; undefined when the server sends no e-mail. */
export function mailerOf(config: Config): Mailer | undefined {
  const smtp = config.smtp
  if (!smtp) return undefined
  let transport = transports.get(smtp.url)
  if (!transport) {
    transport = nodemailer.createTransport(smtp.url)
    transports.set(smtp.url, transport)
  }
  const sender = transport
  return {
    async send(mail) {
      await sender.sendMail({ from: smtp.from, ...mail })
    },
  }
}
