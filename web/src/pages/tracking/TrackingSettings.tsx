import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  message,
  Select,
  Space,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { showServerErrors } from '../../api/form-errors.js'
import {
  type TrackingFieldKind,
  type TrackingSettingsInput,
  useSaveTrackingSettings,
  useTrackingSettings,
} from '../../api/tracking.js'
import type { Me } from '../../api/types.js'

const KINDS = ['text', 'choice', 'amount', 'date'] as const satisfies readonly TrackingFieldKind[]

/**
 * 追踪表设置: the tracking form's fields (code, kind, names, a choice's
 * options) and after how many days a form of an A or B customer is stale
 * (issue 17 §3, settings.manage). Earlier versions keep the fields they
 * were written with.
 */
export function TrackingSettings(_props: { me: Me }) {
  const { t } = useTranslation()
  const settings = useTrackingSettings()
  const save = useSaveTrackingSettings()
  const [form] = Form.useForm<TrackingSettingsInput>()
  const [error, setError] = useState<string | null>(null)
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />
  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    try {
      await save.mutateAsync({
        ...values,
        fields: values.fields.map((f) => ({
          ...f,
          options: f.kind === 'choice' ? (f.options ?? []) : [],
        })),
      })
      void message.success(t('trackingSettings.saved'))
    } catch (caught) {
      setError(showServerErrors(form, caught))
    }
  }
  return (
    <Card title={t('trackingSettings.title')} loading={settings.isPending}>
      <Typography.Paragraph type="secondary">{t('trackingSettings.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {settings.data && (
        <Form form={form} layout="vertical" initialValues={settings.data}>
          <Space size={24} wrap>
            <Form.Item
              name="levelAStaleDays"
              label={t('trackingSettings.levelAStaleDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={365} precision={0} />
            </Form.Item>
            <Form.Item
              name="levelBStaleDays"
              label={t('trackingSettings.levelBStaleDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={365} precision={0} />
            </Form.Item>
          </Space>
          <Form.List name="fields">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Card key={field.key} size="small">
                    <Space wrap align="start">
                      <Form.Item
                        name={[field.name, 'code']}
                        label={t('trackingSettings.code')}
                        rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}
                        extra={t('trackingSettings.codeHint')}
                      >
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('trackingSettings.kind')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          style={{ width: 120 }}
                          options={KINDS.map((k) => ({
                            value: k,
                            label: t(`trackingSettings.kinds.${k}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'labelZh']}
                        label={t('trackingSettings.labelZh')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'labelEn']}
                        label={t('trackingSettings.labelEn')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                      <Button danger onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                        {t('trackingSettings.remove')}
                      </Button>
                    </Space>
                    <Form.Item
                      noStyle
                      shouldUpdate={(a, b) =>
                        a.fields?.[field.name]?.kind !== b.fields?.[field.name]?.kind
                      }
                    >
                      {() =>
                        form.getFieldValue(['fields', field.name, 'kind']) === 'choice' && (
                          <Options fieldName={field.name} />
                        )
                      }
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  onClick={() =>
                    add({ code: '', kind: 'text', labelZh: '', labelEn: '', options: [] })
                  }
                >
                  {t('trackingSettings.add')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => void submit()}
            style={{ marginTop: 16 }}
          >
            {t('trackingSettings.save')}
          </Button>
        </Form>
      )}
    </Card>
  )
}

/** The options of a choice field. */
function Options({ fieldName }: { fieldName: number }) {
  const { t } = useTranslation()
  return (
    <Form.List name={[fieldName, 'options']}>
      {(options, { add, remove }) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('trackingSettings.options')}</Typography.Text>
          {options.map((option) => (
            <Space key={option.key} wrap>
              <Form.Item
                name={[option.name, 'code']}
                rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}
              >
                <Input placeholder={t('trackingSettings.code')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name={[option.name, 'labelZh']} rules={[{ required: true }]}>
                <Input placeholder={t('trackingSettings.labelZh')} maxLength={40} />
              </Form.Item>
              <Form.Item name={[option.name, 'labelEn']} rules={[{ required: true }]}>
                <Input placeholder={t('trackingSettings.labelEn')} maxLength={40} />
              </Form.Item>
              <Button size="small" onClick={() => remove(option.name)}>
                {t('trackingSettings.remove')}
              </Button>
            </Space>
          ))}
          <Button size="small" onClick={() => add({ code: '', labelZh: '', labelEn: '' })}>
            {t('trackingSettings.addOption')}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}
