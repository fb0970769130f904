import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useFieldLabels } from '../../api/catalogue.js'
import { ApiError, api } from '../../api/client.js'
import type { CustomerView } from '../../api/types.js'

type Kind = 'individual' | 'organization'
type Values = Record<string, string | boolean | undefined> & { confirmCreditCode?: boolean }

const FIELDS: Record<Kind, string[]> = {
  individual: ['name', 'idNumber', 'mobile', 'email', 'address', 'employer'],
  organization: ['name', 'creditCode', 'industry', 'address'],
}
const CHOICES: Record<string, string[]> = {
  grade: ['important', 'general'],
  source: ['web_form', 'customer_service', 'phone', 'survey', 'visit', 'referral', 'third_party'],
}

/**
 * A new customer (CUS-1, CUS-2): the server normalises and checks every
 * value, and its field errors are shown on the fields they concern.
 */
export function CustomerCreate() {
  const { t } = useTranslation()
  const label = useFieldLabels()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const [kind, setKind] = useState<Kind>('individual')
  const [error, setError] = useState<string | null>(null)
  const [askConfirmation, setAskConfirmation] = useState(false)

  const save = async (values: Values) => {
    setError(null)
    const { confirmCreditCode, ...rest } = values
    const body = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''),
    )
    try {
      const created = await api<CustomerView>('POST', '/customers', {
        kind,
        ...body,
        ...(confirmCreditCode ? { confirm: ['creditCodeChecksum'] } : {}),
      })
      void navigate(`/customers/${created.id}`)
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      setError(caught.message)
      if (caught.body.code === 'CONFIRMATION_REQUIRED') setAskConfirmation(true)
      form.setFields(
        Object.entries(caught.body.fields ?? {}).map(([field, message]) => ({
          name: field.split('.')[0] as string,
          errors: [message],
        })),
      )
    }
  }

  return (
    <Card title={t('create.title')}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item label={t('create.kind')}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <Radio.Button value="individual">{t('customers.kind.individual')}</Radio.Button>
            <Radio.Button value="organization">{t('customers.kind.organization')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} />}
        {FIELDS[kind].map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={label(field)}
            rules={field === 'name' ? [{ required: true }] : []}
          >
            <Input />
          </Form.Item>
        ))}
        {Object.entries(CHOICES).map(([field, options]) => (
          <Form.Item key={field} name={field} label={label(field)}>
            <Select
              allowClear
              options={options.map((value) => ({ value, label: t(`values.${field}.${value}`) }))}
            />
          </Form.Item>
        ))}
        {askConfirmation && (
          <Form.Item name="confirmCreditCode" valuePropName="checked">
            <Checkbox>{t('create.confirmCreditCode')}</Checkbox>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit">
            {t('create.save')}
          </Button>
          <Button onClick={() => navigate('/customers')}>{t('create.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  )
}
