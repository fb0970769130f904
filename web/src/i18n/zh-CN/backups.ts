export const backups = {
  backups: {
    empty:
      '尚无备份记录。服务器按计划备份并校验（CUSTODIA_BACKUP_INTERVAL_HOURS）；也可用 custodia backup 命令。',
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
  },
}
