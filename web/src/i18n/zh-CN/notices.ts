export const notices = {
  notices: {
    publish: '发布新版本',
    publishNow: '发布',
    empty: '尚未发布告知文本',
    version: '版本',
    title: '标题',
    purposes: '涉及的目的',
    publishedAt: '发布时间',
    publishedBy: '发布人',
    parts: {
      title: '标题',
      purposes: '处理目的',
      scope: '处理范围',
      method: '处理方式',
      retention: '保存期限',
      recipients: '接收方',
    },
  },
}
