import type { Shape } from '../shape.js'
import type { notices as zh } from '../zh-CN/notices.js'

export const notices: Shape<typeof zh> = {
  notices: {
    publish: 'Publish a new version',
    publishNow: 'Publish',
    empty: 'No notice published yet',
    version: 'Version',
    title: 'Title',
    purposes: 'Purposes',
    publishedAt: 'Published',
    publishedBy: 'By',
    parts: {
      title: 'Title',
      purposes: 'Purposes',
      scope: 'Scope',
      method: 'Method',
      retention: 'Retention',
      recipients: 'Recipients',
    },
  },
}
