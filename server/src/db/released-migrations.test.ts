import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Released migrations are frozen (docs/security.md, "Migrations"): an
 * installation that ran one never runs it again, so a change to its text
 * would give new databases a schema or rows that existing ones never get.
 * Each file of migrations/ — a migration and its frozen `.data.ts` — is
 * pinned here by the sha256 of its text.
 *
 * Adding a migration: write `NNNN-name.ts` (and `NNNN-name.data.ts` if it
 * seeds more rows than fit in it), register it in migrate.ts, and add one
 * line per file below in the same change. The failing test prints the line
 * (or run `sha256sum server/src/db/migrations/NNNN-*`). Once the change has
 * landed the migration is released: its text never changes again, a fix is
 * the next migration. If a formatter upgrade rewrites a released file, undo
 * the rewrite; do not update the hash.
 */
const RELEASED: { file: string; sha256: string }[] = [
  {
    file: '0001-foundation.data.ts',
    sha256: '3e18e77323048a1a530deded158a2fd66e24dff848fff196789cbf001ac0a1ad',
  },
  {
    file: '0001-foundation.ts',
    sha256: 'cba81591f785801d0375da884b97c0ca25a439603cbb9a724bb8b73d33f0d98b',
  },
  {
    file: '0002-audit-trail.ts',
    sha256: '8a4f32f29116a3633a13dabe9b4922fe2ef2bfacb3f6208106ea773816f3c8db',
  },
  {
    file: '0003-customers.data.ts',
    sha256: '76cc878b36bad6805f9d326f27fff8f104c28d0b60489897bb3a1d261eb5892a',
  },
  {
    file: '0003-customers.ts',
    sha256: '2553f6bdbe8c4940db74db0e4be5884f80c685dae4ce84b6373da878462d32df',
  },
  {
    file: '0004-consents-requests.data.ts',
    sha256: '3f3647b39ece50c4316b6ea8897c267fdb8676f594f306d0836275ecd71ac615',
  },
  {
    file: '0004-consents-requests.ts',
    sha256: 'b79183fa49f89762ee0ab977297f8f8e4a3efc2876b1aa5e3819f728afc3ffb2',
  },
  {
    file: '0005-destruction.ts',
    sha256: 'ae4d16f3d27179fcf8351248e4672bde38a24d96a873ebdcefcef3a719a40f1a',
  },
  {
    file: '0006-retention.ts',
    sha256: 'd029353e3be1a66547f7862a4efbc8e907b942c1ce944f19cec5281a6d0a8978',
  },
  {
    file: '0007-backup-runs.ts',
    sha256: 'a37a617ece025047feeb41bfb38b1ce7825fe0e761a298b73434889dd2c52957',
  },
  {
    file: '0008-approvals.ts',
    sha256: '04ad67d41e85b9b17757459207a1ceb751467037aa52536f5cb1ea9499d0fdb4',
  },
  {
    file: '0009-sealed-recipients.ts',
    sha256: '919f938418148ae5218c02b4b67c483332208937e86be2b670143252e47b28a0',
  },
  {
    file: '0010-protected-classification.ts',
    sha256: 'c793800b135f7c0ff96873c0f1a8ad7bf5498f9f1fef1497004f41cadc7c5b95',
  },
  {
    file: '0011-audit-hardening.ts',
    sha256: '6c86d833162ee6ab003465ded565b127511e6b8bebd7f1f5bf566b9a1f31ff7e',
  },
  {
    file: '0012-token-expiry.ts',
    sha256: '014f5a868d1a8efd271323f8515146cd414997189a43d944cc37e589ef52b91c',
  },
  {
    file: '0013-masking.ts',
    sha256: 'c34918cc2d032303a1836b6d9a998b8db9fa5418a1fc7859e7b02c2fe6614bc1',
  },
  {
    file: '0014-two-factor-reset-approval.ts',
    sha256: '39173e3c637893fd27b954dc97a1e522a86e8ccf2b7a77dca92e15076b31cf21',
  },
  {
    file: '0015-english-labels.ts',
    sha256: 'aba0c7c7ad17cd695931dbaffb98bebd6df643af1e86982da4ab9992d17b4bcb',
  },
  {
    file: '0016-change-notices.ts',
    sha256: '1bf7de55ac54a82fb0dda149ab1b436726f8fe60e81884cdfa19dde1401fa8a8',
  },
  {
    file: '0017-reception.ts',
    sha256: '673fd0507bded387eb630bb43d94989b46400d55b75905d10e12ec773a7502c2',
  },
  {
    file: '0018-entry-review-attribution.ts',
    sha256: 'fdf331e3582c5632a28868d796ec8ed2faecef3c1e18a45ddb38e267f6b44d92',
  },
  {
    file: '0019-deals.ts',
    sha256: '998a8191d36784478e383a33b20dd01c310af8af825d4fa3719790c4f2c4ac69',
  },
  {
    file: '0020-pool.ts',
    sha256: 'de03468e739817a0ff38602248c0a13f35b9dfabcda69982100fe56087c514b5',
  },
  {
    file: '0021-interactions.ts',
    sha256: 'c662e7fa6f66c6ce506c002ddcb3b8a7880413722cde0695766466e4051d8a3e',
  },
  {
    file: '0022-follow-ups.ts',
    sha256: '6bb38468e944b5452f9255752b5cceda37a97894c736b324b7c54f9d5714c16e',
  },
  {
    file: '0023-tracking.data.ts',
    sha256: 'e1870586939f758ee463fdc0a869a57f648388115254966da18f59501561aafd',
  },
  {
    file: '0023-tracking.ts',
    sha256: '082cfff5dc64da208e1e709b33b1efaee8e371d61214a1ed5d0e915069bfad80',
  },
  {
    file: '0024-feedback.ts',
    sha256: 'e22065a0da9b5dd1af38669cb2a7971178320261676ef9946057151351ac6ecf',
  },
  {
    file: '0025-weekly-review.ts',
    sha256: 'a20b57be72424493a07c4475910f089ffcf7a0cf9c3f99483d39a6de08e519f1',
  },
  {
    file: '0026-owner-history-from-pool.ts',
    sha256: 'b6311418dc62a197ee29b16fa8a94a56a43ce874978ada32c9d773e142f6f9d8',
  },
  {
    file: '0027-first-contact.ts',
    sha256: 'a8d0c226ea67ebaa3ff132c03c20115555a4ee5c2fb0f3bafb208d422e2dcd85',
  },
  {
    file: '0028-imports.ts',
    sha256: '2e7439f497c2b708012313890a7e7f47a01461eeef7fa746ac95153b18e4f577',
  },
  {
    file: '0029-exports.ts',
    sha256: 'efc7c941e10d56f092a93baf9d3e2e2dff4ee4e46ac6824c569f56c318588165',
  },
  {
    file: '0030-duplicate-review.ts',
    sha256: '28e843eaa7fa15a6f955d2d4a618cec45b112c5d834554a689febadd1627e573',
  },
  {
    file: '0031-customer-merges.ts',
    sha256: '4ca9d92b47b6029551096f0b0ea3e0fd4b3bc8c0dcf1348d81b8fa1804f87611',
  },
]

const DIR = path.join(import.meta.dirname, 'migrations')
const MIGRATION = /^\d{4}-[a-z0-9-]+\.ts$/
const DATA_FILE = /^\d{4}-[a-z0-9-]+\.data\.ts$/

async function migrationFiles(): Promise<string[]> {
  return (await readdir(DIR)).sort()
}

/** Every module specifier a file imports or re-exports from. */
function importsOf(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)
  return [...found].map((match) => match[1] as string)
}

describe('released migrations are frozen', () => {
  it('pins every file of migrations/ by the sha256 of its text', async () => {
    const files = await migrationFiles()
    const pinned = await Promise.all(
      files.map(async (file) => ({
        file,
        sha256: createHash('sha256')
          .update(await readFile(path.join(DIR, file)))
          .digest('hex'),
      })),
    )
    // A file not in RELEASED, or whose text changed, shows here with its hash.
    expect(pinned).toEqual(RELEASED)
  })

  it('holds only migrations and their frozen data files', async () => {
    for (const file of await migrationFiles())
      expect(MIGRATION.test(file) || DATA_FILE.test(file), file).toBe(true)
  })

  it('imports nothing but kysely and its own frozen data: no module, no helper that could change', async () => {
    for (const file of await migrationFiles()) {
      const text = await readFile(path.join(DIR, file), 'utf8')
      const own = `./${file.replace(/\.ts$/, '.data.js')}`
      const allowed = DATA_FILE.test(file) ? [] : ['kysely', own]
      for (const specifier of importsOf(text))
        expect(allowed, `${file}: ${specifier}`).toContain(specifier)
    }
  })
})
