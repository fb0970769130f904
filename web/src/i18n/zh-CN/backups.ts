export const backups = {
  backups: {
    /** 还没有备份时：计划备份怎么设、手动怎么做（issue 14 item 2）。 */
    empty: {
      title: '尚无备份记录',
      schedule:
        '服务器按计划自动备份并校验能否恢复，间隔由服务器的环境变量 CUSTODIA_BACKUP_INTERVAL_HOURS 设定（单位：小时）。默认为 24，即每 24 小时一次，首次在服务器启动 24 小时后；设为 0 则不自动备份。修改后重启服务器生效。',
      byHand:
        '要立即备份，请在服务器上运行 custodia backup create --out 文件名（使用内置数据库时先停止服务器），备份与校验都会记在这里。',
    },
    kind: '操作',
    kinds: { create: '备份', verify: '恢复校验', restore: '恢复' },
    trigger: '发起',
    triggers: { schedule: '计划任务', command: '命令行' },
    file: '文件',
    result: '结果',
    ok: '成功',
    failed: '失败',
    detail: '详情',
    time: '时间',
    /** 每次备份、校验的结果，按服务器给出的各项数据组成（不显示服务器记录的英文原文）。 */
    details: {
      archive: '客户 {{customers}} 位，归档 {{size}}',
      check: '{{check}}{{result}}：{{detail}}',
      checkOnly: '{{check}}{{result}}',
      passed: '通过',
      failed: '未通过',
      checks: {
        rowCounts: '行数核对',
        decryptionSample: '解密抽样',
        auditTrail: '审计日志校验',
        restore: '恢复',
      },
      tables: { customers: '客户', auditEvents: '审计事件', accounts: '账号' },
      count: '{{table}} {{found}}/{{expected}}',
      sample: '{{opened}}/{{sampled}} 位客户可解密',
      trailVerified: '{{events}} 条事件无误',
      trailBroken: '自第 {{position}} 条起不符',
      restoreFailed: '归档无法恢复（原因见悬停提示）',
      separator: '；',
      listSeparator: '、',
    },
  },
}
