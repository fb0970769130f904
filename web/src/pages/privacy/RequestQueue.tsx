import { Alert, Card, Segmented } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRequestQueue } from '../../api/requests.js'
import { RequestTable } from '../../components/RequestTable.js'

/** The request queue (DSR-1): open requests soonest due first, their due dates coloured by urgency. */
export function RequestQueue() {
  const { t } = useTranslation()
  const [which, setWhich] = useState<'open' | 'all'>('open')
  const requests = useRequestQueue(which)
  return (
    <Card
      title={t('menu.requests')}
      extra={
        <Segmented
          value={which}
          onChange={(value) => setWhich(value as 'open' | 'all')}
          options={[
            { value: 'open', label: t('requests.open') },
            { value: 'all', label: t('requests.all') },
          ]}
        />
      }
    >
      {requests.isError && <Alert type="error" showIcon title={requests.error.message} />}
      <Alert type="info" showIcon title={t('requests.howToFile')} style={{ marginBottom: 16 }} />
      <RequestTable requests={requests.data?.items ?? []} loading={requests.isPending} />
    </Card>
  )
}
