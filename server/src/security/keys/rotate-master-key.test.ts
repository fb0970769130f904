import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CANARY,
  createCustomerAs,
  individual,
  organization,
} from '../../../test/customer-fixtures.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../test/test-app.js'
import { DEFAULT_CATALOGUE } from '../../modules/catalogue/default-catalogue.js'
import { decodeValue } from '../../modules/customers/customer-values.js'
import { SUITES } from '../crypto/cipher-suites.js'
import { ensureMasterKeyFile, readMasterKey } from '../master-key.js'
import { createSecretBox } from '../secret-box.js'
import { totpSealContext } from '../totp.js'
import { createVault } from '../vault.js'
import { BLIND_INDEX_KEY, loadKeyring } from './keyring.js'
import { createFileKeyProvider, masterKeyId } from './master-key-provider.js'
import { rotateMasterKey } from './rotate-master-key.js'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe.each(['aes-gcm', 'sm'] as const)(
  'master key rotation with the %s suite (CLS-2)',
  (suite) => {
    let t: TestApp
    let dir: string
    let keyFile: string
    let oldKey: Buffer
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'custodia-rotate-'))
      dirs.push(dir)
      keyFile = path.join(dir, 'master.key')
      await ensureMasterKeyFile(keyFile)
      oldKey = await readMasterKey(keyFile)
      t = await createTestApp({ CUSTODIA_CIPHER_SUITE: suite }, { masterKey: oldKey })
    })

    it('re-wraps every key without re-encrypting a value; afterwards the old key file can go', async () => {
      const department = await t.deps.db
        .insertInto('departments')
        .values({ name: '运营部' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const manager = await createStaff(t.deps, ['manager'], { departmentId: department.id })
      const cookie = await signInAs(t.app, manager)
      const customers = [
        await createCustomerAs(t.app, cookie, individual()),
        await createCustomerAs(t.app, cookie, organization()),
      ]
      // A TOTP secret is sealed under a key derived from the master key: it must move too.
      await t.deps.db
        .updateTable('accounts')
        .set({
          totp_secret: createSecretBox(oldKey, SUITES[suite]).seal(
            'JBSWY3DPEHPK3PXP',
            totpSealContext(manager.id),
          ),
        })
        .where('id', '=', manager.id)
        .execute()
      const sealedBefore = await t.deps.db
        .selectFrom('customer_personal')
        .selectAll()
        .orderBy('customer_id')
        .execute()
      const tokensBefore = await t.deps.db
        .selectFrom('customer_search_tokens')
        .selectAll()
        .orderBy('token')
        .execute()

      const report = await rotateMasterKey(t.deps.db, keyFile)
      expect(report).toMatchObject({ from: masterKeyId(oldKey), customerKeys: 2, systemKeys: 1 })
      await rm(report.retiredKeyFile)
      expect(await readdir(dir)).toEqual(['master.key'])
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600)

      const newKey = await readMasterKey(keyFile)
      expect(masterKeyId(newKey)).toBe(report.to)
      const keyRows = await t.deps.db.selectFrom('customer_keys').selectAll().execute()
      expect(new Set(keyRows.map((r) => r.master_key_id))).toEqual(new Set([report.to]))
      // Values and tokens are untouched.
      expect(
        await t.deps.db
          .selectFrom('customer_personal')
          .selectAll()
          .orderBy('customer_id')
          .execute(),
      ).toEqual(sealedBefore)
      expect(
        await t.deps.db.selectFrom('customer_search_tokens').selectAll().orderBy('token').execute(),
      ).toEqual(tokensBefore)

      // Everything opens with the new key alone.
      const vault = createVault(
        await loadKeyring(t.deps.db, (s) => createFileKeyProvider(s, newKey), suite),
      )
      const dataTypes = new Map(DEFAULT_CATALOGUE.map((e) => [e.field, e.dataType]))
      const opened: Record<string, unknown> = {}
      for (const row of keyRows) {
        const key = await vault.openCustomerKey(row)
        for (const table of ['customer_personal', 'customer_sensitive'] as const) {
          const sealed = await t.deps.db
            .selectFrom(table)
            .select('sealed')
            .where('customer_id', '=', row.customer_id)
            .executeTakeFirst()
          for (const [field, value] of Object.entries(sealed?.sealed ?? {})) {
            opened[`${row.customer_id}.${field}`] = decodeValue(
              dataTypes.get(field) ?? 'text',
              vault.open(key, field, value),
            )
          }
        }
      }
      expect(opened[`${customers[0]}.idNumber`]).toBe(CANARY.idNumber)
      expect(opened[`${customers[0]}.bankCards`]).toEqual(CANARY.bankCards)
      expect(opened[`${customers[1]}.contacts`]).toEqual(organization().contacts)
      expect(vault.token('mobile', CANARY.mobile)).toBe(t.deps.vault.token('mobile', CANARY.mobile))
      const systemKey = await t.deps.db
        .selectFrom('system_keys')
        .selectAll()
        .where('name', '=', BLIND_INDEX_KEY)
        .executeTakeFirstOrThrow()
      expect(systemKey.master_key_id).toBe(report.to)

      const account = await t.deps.db
        .selectFrom('accounts')
        .select('totp_secret')
        .where('id', '=', manager.id)
        .executeTakeFirstOrThrow()
      expect(
        createSecretBox(newKey, SUITES[suite]).open(
          account.totp_secret as string,
          totpSealContext(manager.id),
        ),
      ).toBe('JBSWY3DPEHPK3PXP')

      // And the old key can no longer open anything.
      const oldProvider = createFileKeyProvider(SUITES[suite], oldKey)
      await expect(
        oldProvider.unwrap(
          `customer:${keyRows[0]?.customer_id}`,
          keyRows[0]?.wrapped as Buffer,
          report.to,
        ),
      ).rejects.toThrow()
    })
  },
)
