import { Alert, Button, Form, Input, QRCode, Space, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useTotpConfirmation, useTotpEnrolment } from '../api/session.js'

/**
 * Two-factor enrolment (ACC-4), required of privileged roles before
 * anything else: scan the code (or type the key) into an authenticator app,
 * then confirm with the first code it shows.
 */
export function TotpEnrolment() {
  const { t } = useTranslation()
  const enrol = useTotpEnrolment()
  const confirm = useTotpConfirmation()
  const start = enrol.mutate
  useEffect(() => start(), [start])

  if (enrol.isError) return <Alert type="error" showIcon title={enrol.error.message} />
  if (!enrol.data) return null
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('totp.intro')} />
      <QRCode value={enrol.data.otpauthUri} style={{ margin: '0 auto' }} />
      <Typography.Text type="secondary">{t('totp.key')}</Typography.Text>
      <Typography.Text code copyable>
        {enrol.data.secret}
      </Typography.Text>
      {confirm.isError && <Alert type="error" showIcon title={confirm.error.message} />}
      <Form layout="vertical" onFinish={(values: { code: string }) => confirm.mutate(values.code)}>
        <Form.Item name="code" label={t('signIn.totp')} rules={[{ required: true }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
          {t('totp.confirm')}
        </Button>
      </Form>
    </Space>
  )
}
