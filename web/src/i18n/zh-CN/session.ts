export const session = {
  signIn: {
    title: '登录',
    username: '用户名',
    password: '密码',
    totp: '动态验证码',
    submit: '登录',
    changePassword: '首次登录或密码已过期，请修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    savePassword: '修改密码',
    confirmPassword: '确认新密码',
    passwordMismatch: '两次输入的新密码不一致',
    totpPrompt: '此账号已启用双因素认证，请输入验证器应用中的 6 位动态验证码。',
    passwordRules: {
      title: '新密码须满足：',
      length: '12 至 256 个字符',
      classes: '包含大写字母、小写字母、数字、符号中的至少三类',
      username: '不包含用户名',
      guessable: '不是常见或容易猜到的密码（提交时检查）',
    },
  },
  totp: {
    intro:
      '您的角色须启用双因素认证：请用身份验证器应用扫描二维码（或输入密钥），再填写其显示的动态验证码。',
    key: '密钥',
    confirm: '完成绑定',
  },
}
