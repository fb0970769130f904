import { Alert, Button, Card, Form, Input, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.js'
import { type Credentials, signIn as startSession, useRefreshMe } from '../api/session.js'
import type { Me } from '../api/types.js'
import { switchLanguage } from '../i18n/index.js'
import { PasswordChange } from './PasswordChange.js'
import { TotpEnrolment } from './TotpEnrolment.js'

/** Sign-in, with the two-factor code when asked and the forced password change (ACC-4). */
export function SignIn({ me }: { me: Me | null }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [needsTotp, setNeedsTotp] = useState(false)
  const refresh = useRefreshMe()

  const signIn = async (values: Credentials) => {
    setError(null)
    try {
      await startSession(values)
      await refresh()
    } catch (caught) {
      // Being asked for the code is the next step of signing in, not an error.
      if (caught instanceof ApiError && caught.body.code === 'TOTP_REQUIRED') setNeedsTotp(true)
      else setError(caught instanceof Error ? caught.message : String(caught))
    }
  }
  return (
    <div
      style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f5f5f5' }}
    >
      <Card
        title={t('app.name')}
        style={{ width: 380 }}
        extra={
          <Button size="small" onClick={switchLanguage}>
            {t('app.language')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {error && <Alert type="error" title={error} showIcon />}
          {me?.pendingAction === 'enrol_totp' ? (
            <TotpEnrolment />
          ) : me?.pendingAction === 'change_password' ? (
            <PasswordChange username={me.username} onChanged={() => void refresh()} />
          ) : (
            <Form layout="vertical" onFinish={(v: Credentials) => void signIn(v)}>
              <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true }]}>
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              {needsTotp && (
                <Form.Item
                  name="totp"
                  label={t('signIn.totp')}
                  extra={t('signIn.totpPrompt')}
                  rules={[{ required: true }]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" block>
                {t('signIn.submit')}
              </Button>
            </Form>
          )}
        </Space>
      </Card>
    </div>
  )
}
