export const tokens = {
  tokens: {
    create: '新建令牌',
    empty: '尚无 API 令牌',
    name: '名称',
    scopes: '权限范围',
    scopesHint: '只能选择您本人具有的权限',
    createdAt: '创建时间',
    expiresAt: '到期时间',
    lastUsedAt: '最近使用',
    expiresInDays: '有效期（天）',
    revoked: '已撤销',
    revoke: '撤销',
    confirmRevoke: '撤销令牌 {{name}}？使用它的程序将立即无法访问。',
    shownOnce: '令牌只显示这一次，请妥善保存',
    expiresInDaysHint: '令牌到期后自动失效，最长 {{max}} 天',
    days: '{{count}} 天',
    totp: '动态验证码',
    totpHint:
      '您的角色须使用双因素认证：请输入身份验证器中当前的 6 位验证码，令牌有效期最长 30 天。',
    expired: '已过期',
    neverUsed: '从未使用',
  },
}
