export const notices = {
  notices: {
    publish: '发布新版本',
    publishNow: '发布',
    empty: '尚未发布告知文本',
    // 同意须以告知为前提（个人信息保护法第十四条、第十七条）：未发布告知文本时不能记录同意。
    noneYet: '尚未发布隐私告知文本',
    publishFirst: '同意须以向客户告知的文本为依据。请先发布一版告知文本，再记录客户的同意。',
    askToPublish: '同意须以向客户告知的文本为依据。请联系{{roles}}发布告知文本，再记录客户的同意。',
    goPublish: '去发布',
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
