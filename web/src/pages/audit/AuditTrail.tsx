import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import { AuditTable } from '../../components/AuditTable.js'
import { companyInstant, type WallClock } from '../../i18n/format.js'
import { TrailVerification } from './TrailVerification.js'

type Filter = Record<string, string | undefined>
type FormValues = {
  actor?: string
  action?: string
  outcome?: string
  customerId?: string
  period?: [WallClock | null, WallClock | null] | null
}

/**
 * The audit vocabulary to pick from by name (issue 14 item 1): each domain
 * as a whole (`customer.*`), then its actions, as the console labels them.
 */
function useActionOptions() {
  const { t } = useTranslation()
  const domains = t('auditActions', { returnObjects: true }) as Record<
    string,
    Record<string, string>
  >
  return Object.entries(domains).map(([domain, actions]) => {
    const group = t(`auditDomains.${domain}`)
    return {
      label: group,
      options: [
        { value: `${domain}.*`, label: t('audit.actionGroup', { group }) },
        ...Object.entries(actions).map(([verb, label]) => ({ value: `${domain}.${verb}`, label })),
      ],
    }
  })
}

/** The trail for auditors and compliance (AUD-4): filters, export of what they select, verification. */
export function AuditTrail() {
  const { t, i18n } = useTranslation()
  const actionOptions = useActionOptions()
  const [params] = useSearchParams()
  const [filter, setFilter] = useState<Filter>(() => Object.fromEntries(params))
  const search = (values: FormValues) => {
    const { period, ...rest } = values
    setFilter({
      ...rest,
      // The period as the company's clocks read it, whatever the browser's zone.
      from: period?.[0] ? companyInstant(period[0]) : undefined,
      to: period?.[1] ? companyInstant(period[1]) : undefined,
    })
  }
  // The export is a download of the same selection, made by the server (and audited there),
  // with the names beside the codes in the console's language.
  const exportUrl = (format: 'csv' | 'json') => {
    const query = new URLSearchParams({ format, language: i18n.language === 'en' ? 'en' : 'zh-CN' })
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value)
    return `/api/v1/audit/events/export?${query}`
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <TrailVerification />
      <Card
        title={t('audit.title')}
        extra={
          <Space>
            <Button href={exportUrl('csv')} download>
              {t('audit.exportCsv')}
            </Button>
            <Button href={exportUrl('json')} download>
              {t('audit.exportJson')}
            </Button>
          </Space>
        }
      >
        <Form
          layout="inline"
          initialValues={filter}
          onFinish={search}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item name="actor">
            <Input placeholder={t('audit.filterActor')} allowClear />
          </Form.Item>
          <Form.Item name="action">
            <Select
              placeholder={t('audit.filterAction')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 240 }}
              options={actionOptions}
            />
          </Form.Item>
          <Form.Item name="customerId">
            <Input placeholder={t('audit.filterCustomer')} allowClear />
          </Form.Item>
          <Form.Item name="outcome">
            <Select
              placeholder={t('audit.outcome')}
              allowClear
              style={{ width: 120 }}
              options={['allowed', 'denied'].map((value) => ({
                value,
                label: t(`audit.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="period">
            {/* A day picked without a time is the whole day, 00:00:00 to 23:59:59. */}
            <DatePicker.RangePicker
              showTime={{ defaultValue: [dayjs().startOf('day'), dayjs().endOf('day')] }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('customers.find')}
          </Button>
        </Form>
        <AuditTable filter={filter} />
      </Card>
    </Space>
  )
}
