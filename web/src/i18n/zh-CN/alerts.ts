export const alerts = {
  alerts: {
    title: '安全告警',
    empty: '没有告警',
    rule: '告警规则',
    statusTitle: '状态',
    status: { open: '待处理', acknowledged: '处理中', closed: '已关闭', all: '全部' },
    rules: {
      bulk_access: '批量查询/导出',
      off_hours: '非工作时间访问',
      repeated_denials: '多次被拒绝',
      out_of_scope: '越权访问',
      request_overdue: '客户请求逾期',
      credential_reset: '重置可访问客户信息账号的凭据',
    },
    who: '账号/来源',
    events: '事件数',
    lastSeen: '最近发生',
    note: '处理说明',
    trail: '查看日志',
    acknowledge: '确认处理',
    close: '关闭告警',
  },
}
