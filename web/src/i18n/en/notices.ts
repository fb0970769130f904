import type { Shape } from '../shape.js'
import type { notices as zh } from '../zh-CN/notices.js'

export const notices: Shape<typeof zh> = {
  notices: {
    publish: 'Publish a new version',
    publishNow: 'Publish',
    empty: 'No notice published yet',
    noneYet: 'No privacy notice published yet',
    publishFirst:
      'A consent rests on the notice the customer was shown. Publish a notice first, then record the consent.',
    askToPublish:
      'A consent rests on the notice the customer was shown. Ask a {{roles}} to publish a notice, then record the consent.',
    goPublish: 'Publish one',
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
