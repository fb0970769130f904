export const shell = {
  app: {
    name: 'Custodia 客户信息管理',
    signOut: '退出登录',
    language: 'English',
    notFound: '页面不存在或您无权访问',
    // Ant Design fills ${label} in: one wording for a text box and a choice alike.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Ant Design's own ${label} placeholder
    required: '${label}为必填项',
  },
  menu: {
    backups: '备份记录',
    retention: '保存期限与审查',
    destructions: '销毁审批',
    groups: {
      work: '业务',
      privacy: '个人信息保护',
      audit: '安全审计',
      admin: '系统管理',
      personal: '个人',
    },
    requests: '客户请求',
    notices: '告知文本',
    dashboard: '工作台',
    customers: '客户档案',
    reception: '接待管理',
    audit: '审计日志',
    alerts: '安全告警',
    accounts: '账号管理',
    approvals: '授权审批',
    departments: '部门管理',
    catalogue: '字段分级目录',
    purposes: '使用目的',
    tokens: 'API 令牌',
  },
  dashboard: {
    greeting: '{{name}}，您好',
    nothing: '您的角色暂无需要处理的事项。',
    recentCustomers: '最近建档的客户',
    openAlerts: '待处理告警',
    openRequests: '待办客户请求',
    trail: '审计日志签名状态',
    accounts: '账号概况',
    view: '查看',
  },
  errors: { network: '无法连接服务器，请稍后再试。' },
  // 无权限的操作照常显示、置灰，悬停说明由哪个角色办理（issue 14）。
  permissions: { onlyRoles: '需要{{roles}}角色' },
}
