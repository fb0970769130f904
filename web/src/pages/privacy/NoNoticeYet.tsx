import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { Me } from '../../api/types.js'
import { useHoldersOf } from '../../components/PermittedButton.js'
import { has } from '../../permissions.js'

/**
 * A consent rests on a published privacy notice (CON-1; the server refuses
 * one without): until a notice is published, say so, and lead whoever may
 * publish one to where it is done, or name who may.
 */
export function NoNoticeYet({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const holders = useHoldersOf()
  const mayPublish = has(me, 'purposes.manage')
  return (
    <Alert
      type="warning"
      showIcon
      title={t('notices.noneYet')}
      description={
        mayPublish
          ? t('notices.publishFirst')
          : t('notices.askToPublish', { roles: holders('purposes.manage') })
      }
      action={
        mayPublish ? (
          <Button size="small" onClick={() => navigate('/notices')}>
            {t('notices.goPublish')}
          </Button>
        ) : undefined
      }
    />
  )
}
