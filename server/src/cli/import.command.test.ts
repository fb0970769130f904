import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { addAccountByCommand, embeddedEnv, runCli, setUpDataDir } from '../../test/cli-process.js'
import { idNumberOf } from '../../test/import-fixtures.js'

/**
 * `custodia import` (DQ-3, issue 18 §1): the console's job from the command
 * line — a GBK file checked row by row with its report, then imported as
 * the named account; bad usage said plainly.
 */
let dir: string
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('custodia import', () => {
  it('dry-runs a GBK file with its report, then imports it as the named account', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'custodia-cli-import-'))
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: path.join(dir, 'data') })
    await setUpDataDir(env)
    await addAccountByCommand(env, {
      username: 'wang.manager',
      role: 'manager',
      department: '零售业务部',
    })
    await addAccountByCommand(env, {
      username: 'li.agent',
      role: 'agent',
      department: '零售业务部',
    })
    const file = path.join(dir, '客户.csv')
    await writeFile(
      file,
      iconv.encode(
        [
          '姓名,手机号,身份证号码',
          `陈一,13600000001,${idNumberOf(31)}`,
          `林二,13600000002,${idNumberOf(32)}`,
          '黄三,1360000000,',
          '',
        ].join('\r\n'),
        'gbk',
      ),
    )
    const mapping = path.join(dir, 'mapping.json')
    await writeFile(
      mapping,
      JSON.stringify({ mapping: ['name', 'mobile', 'idNumber'], duplicates: 'skip' }),
    )
    const report = path.join(dir, 'report.csv')
    const args = ['import', '--file', file, '--mapping', mapping, '--as', 'wang.manager']

    const dry = await runCli([...args, '--dry-run', '--report', report, '--language', 'zh-CN'], env)
    expect(dry.stderr).toBe('')
    expect(dry.code).toBe(1)
    expect(dry.stdout).toContain(
      '3 rows checked — 2 to create, 0 to update, 0 to skip, 0 to review, 1 with problems.',
    )
    const written = (await readFile(report, 'utf8')).replace(/^\uFEFF/, '')
    expect(written.split('\r\n').slice(0, 2)).toEqual([
      '"行号","列","列名","字段","问题"',
      '"4","2","手机号","手机号码","手机号码应为 11 位数字。"',
    ])
    expect(written).not.toContain('1360000000')

    const imported = await runCli(args, env)
    expect(imported.stderr).toBe('')
    expect(imported.stdout).toContain(
      'Imported: 2 created, 0 updated, 0 skipped, 0 queued for review, 1 not imported.',
    )
    expect(imported.code).toBe(1)
    const again = await runCli(args, env)
    expect(again.stdout).toContain('0 to create, 0 to update, 2 to skip')

    expect(again.code).toBe(1)
    const refused = await runCli([...args.slice(0, -1), 'li.agent'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      'custodia: --as: li.agent may not import customers (customers.import)\n',
    )
    const nobody = await runCli([...args.slice(0, -1), 'no.one'], env)
    expect(nobody.code).toBe(2)
    const missing = await runCli(
      [
        'import',
        '--file',
        path.join(dir, 'none.csv'),
        '--mapping',
        mapping,
        '--as',
        'wang.manager',
      ],
      env,
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--file')
  })
})
