import { Button, Card, Form, Input } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AuditTable } from './AuditTable.js'

type Filter = { action?: string; customerId?: string }

/** The trail for auditors and compliance (AUD-4), filtered by action or customer. */
export function AuditTrail() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<Filter>({})
  return (
    <Card title={t('audit.title')}>
      <Form
        layout="inline"
        onFinish={(values: Filter) => setFilter(values)}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="action">
          <Input placeholder={t('audit.filterAction')} allowClear />
        </Form.Item>
        <Form.Item name="customerId">
          <Input placeholder={t('audit.filterCustomer')} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('customers.find')}
        </Button>
      </Form>
      <AuditTable filter={filter} />
    </Card>
  )
}
