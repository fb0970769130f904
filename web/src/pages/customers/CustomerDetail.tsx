import { Alert, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router-dom'
import { useFieldLabels } from '../../api/catalogue.js'
import { useCustomer } from '../../api/customers.js'
import type { CustomerView, Me } from '../../api/types.js'
import { AuditTable } from '../../components/AuditTable.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { has } from '../../permissions.js'
import { feedbackTab } from '../feedback/CustomerFeedback.js'
import { ScheduleFollowUp } from '../follow-ups/FollowUpDialogs.js'
import { CustomerTimeline } from '../interactions/CustomerTimeline.js'
import { CustomerConsents } from '../privacy/CustomerConsents.js'
import { CustomerRequests } from '../privacy/CustomerRequests.js'
import { DestroyedCustomer, isDestroyed } from '../retention/DestroyedCustomer.js'
import { RetentionActions } from '../retention/RetentionActions.js'
import { TrackingFormCard } from '../tracking/TrackingFormCard.js'
import { Reconfirmation } from '../weekly-review/Reconfirmation.js'
import { CustomerAttribution } from './CustomerAttribution.js'
import { OwnerActions } from './OwnerActions.js'
import { RevealDialog } from './RevealDialog.js'
import { ReviewActions } from './ReviewActions.js'
import { show } from './show-value.js'

const NOT_FIELDS = new Set([
  'id',
  'kind',
  'status',
  'ownerId',
  'departmentId',
  'createdAt',
  'updatedAt',
  'masked',
  'revealable',
  'customFields',
  'owner',
  'registration',
])

const UNREVIEWED_HINT: Record<string, string> = {
  draft: 'entry.draftHint',
  submitted: 'entry.submittedHint',
  rejected: 'entry.rejectedHint',
}

/** One customer, masked by default; masked fields the caller may reveal open the reveal dialog (ACC-2). */
export function CustomerDetail({ me }: { me: Me }) {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const label = useFieldLabels()
  const [revealing, setRevealing] = useState(false)
  const customer = useCustomer(id)
  if (customer.isError) return <Alert type="error" title={customer.error.message} showIcon />
  if (customer.data && isDestroyed(customer.data)) {
    return <DestroyedCustomer customer={customer.data} />
  }
  const view = customer.data as CustomerView | undefined
  const fields = view
    ? [
        ...Object.entries(view).filter(([key, value]) => !NOT_FIELDS.has(key) && value !== null),
        ...Object.entries(view.customFields ?? {}),
      ]
    : []
  // Reveal is offered when a masked field could be revealed; without the permission, disabled with who may.
  const revealable = (view?.revealable.length ?? 0) > 0 || !has(me, 'customers.reveal')

  return (
    <Card
      loading={customer.isPending}
      title={
        <Space>
          {typeof view?.name === 'string' ? view.name : ''}
          {view?.status === 'restricted' && <Tag color="red">{t('customers.restricted')}</Tag>}
          {view && UNREVIEWED_HINT[view.status] && (
            <Tag color={view.status === 'rejected' ? 'orange' : 'blue'}>
              {t(`entry.status.${view.status}`)}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          {view && <ReviewActions customer={view} me={me} />}
          {view && <OwnerActions customer={view} me={me} />}
          {view?.status === 'active' && (
            <ScheduleFollowUp me={me} customerId={id} trackingLevel={view.trackingLevel} />
          )}
          <PermittedButton
            me={me}
            permission="customers.write"
            onClick={() => navigate(`/customers/${id}/edit`)}
          >
            {t('customers.edit')}
          </PermittedButton>
          {revealable && (
            <PermittedButton
              me={me}
              permission="customers.reveal"
              type="primary"
              onClick={() => setRevealing(true)}
            >
              {t('customers.reveal')}
            </PermittedButton>
          )}
          <RetentionActions customerId={id} me={me} />
          {view && (
            <Reconfirmation
              me={me}
              customerId={id}
              kind={view.kind}
              active={view.status === 'active'}
            />
          )}
          <Button onClick={() => navigate('/customers')}>{t('customers.back')}</Button>
        </Space>
      }
    >
      {view && UNREVIEWED_HINT[view.status] && (
        <Alert
          type={view.status === 'rejected' ? 'warning' : 'info'}
          title={t(UNREVIEWED_HINT[view.status] as string)}
          showIcon
          style={{ marginBottom: 16 }}
        />
      )}
      <Tabs
        items={[
          {
            key: 'record',
            label: t('customers.tabs.record'),
            children: (
              <Descriptions bordered column={2} size="small">
                {fields.map(([field, value]) => (
                  <Descriptions.Item key={field} label={label(field)}>
                    {typeof value === 'string'
                      ? t(`values.${field}.${value}`, { defaultValue: value })
                      : show(value)}{' '}
                    {view?.masked.includes(field) && <Tag>{t('customers.masked')}</Tag>}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ),
          },
          {
            key: 'attribution',
            label: t('entry.attribution.tab'),
            children: <CustomerAttribution customerId={id} />,
          },
          {
            key: 'interactions',
            label: t('interactions.tab'),
            children: (
              <CustomerTimeline customerId={id} me={me} active={view?.status === 'active'} />
            ),
          },
          feedbackTab(id, me, view?.status === 'active'),
          {
            key: 'consents',
            label: t('customers.tabs.consents'),
            children: <CustomerConsents customerId={id} me={me} />,
          },
          {
            key: 'requests',
            label: t('customers.tabs.requests'),
            children: <CustomerRequests customerId={id} me={me} />,
          },
          ...(has(me, 'audit.read')
            ? [
                {
                  key: 'access',
                  label: t('audit.accessTitle'),
                  children: <AuditTable filter={{ customerId: id }} />,
                },
              ]
            : []),
        ]}
      />
      {view && <TrackingFormCard customerId={id} me={me} active={view.status === 'active'} />}
      {view && revealing && (
        <RevealDialog customer={view} label={label} onClose={() => setRevealing(false)} />
      )}
    </Card>
  )
}
