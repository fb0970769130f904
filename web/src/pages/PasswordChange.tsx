import { Alert, Button, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.js'
import { changePassword } from '../api/session.js'

type Values = { currentPassword: string; newPassword: string; confirmPassword: string }
type Rule = 'length' | 'classes' | 'username'

/**
 * The structural password rules as the server applies them (security/passwords.ts, ACC-4),
 * checked as the user types so that each rule says whether it is met. Guessability is
 * checked by the server only, on save.
 */
function unmetRules(password: string, username: string): Set<Rule> {
  const unmet = new Set<Rule>()
  if (password.length < 12 || password.length > 256) unmet.add('length')
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password))
  if (classes.length < 3) unmet.add('classes')
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    unmet.add('username')
  return unmet
}

/** The forced password change (ACC-4): rules shown before the first try, errors under their field. */
export function PasswordChange({
  username,
  onChanged,
}: {
  username: string
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const newPassword = Form.useWatch('newPassword', form) ?? ''
  const [failure, setFailure] = useState<string | null>(null)
  const unmet = unmetRules(newPassword, username)

  const save = async (values: Values) => {
    setFailure(null)
    try {
      await changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      })
      onChanged()
    } catch (caught) {
      const fields = caught instanceof ApiError ? (caught.body.fields ?? {}) : {}
      const named = Object.entries(fields).filter(([name]) => name in values)
      if (named.length > 0) {
        form.setFields(
          named.map(([name, message]) => ({ name: name as keyof Values, errors: [message] })),
        )
      } else {
        setFailure(caught instanceof Error ? caught.message : String(caught))
      }
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
      <Alert type="info" title={t('signIn.changePassword')} style={{ marginBottom: 16 }} />
      {failure && <Alert type="error" title={failure} showIcon style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t('signIn.currentPassword')}
        rules={[{ required: true }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('signIn.newPassword')} rules={[{ required: true }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space orientation="vertical" size={2} style={{ marginBottom: 16 }} aria-live="polite">
        <Typography.Text type="secondary">{t('signIn.passwordRules.title')}</Typography.Text>
        {(['length', 'classes', 'username'] as const).map((rule) => (
          <Typography.Text key={rule} type={unmet.has(rule) ? 'secondary' : 'success'}>
            {unmet.has(rule) ? '○' : '✓'} {t(`signIn.passwordRules.${rule}`)}
          </Typography.Text>
        ))}
        <Typography.Text type="secondary">{t('signIn.passwordRules.guessable')}</Typography.Text>
      </Space>
      <Form.Item
        name="confirmPassword"
        label={t('signIn.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('signIn.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('signIn.savePassword')}
      </Button>
    </Form>
  )
}
