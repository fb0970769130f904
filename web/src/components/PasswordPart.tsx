import { Alert, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** Groups of four characters, for reading aloud; the spaces are not part of the password. */
export const groupsOfFour = (part: string) => part.match(/.{1,4}/g)?.join(' ') ?? part

/**
 * One part of a split one-time password (双人分段的一次性密码, ACC-4,
 * ACC-5): the requester is shown the first, the approver the second, each
 * once. The holder types the first part and then the second, nothing
 * between them. Copying copies the part without the spaces.
 */
export function PasswordPart({ part, which }: { part: string; which: 'first' | 'second' }) {
  const { t } = useTranslation()
  return (
    <Space orientation="vertical">
      <Typography.Text
        code
        copyable={{ text: part }}
        data-testid={`one-time-password-${which}-part`}
        style={{ fontSize: 18, letterSpacing: 1 }}
      >
        {groupsOfFour(part)}
      </Typography.Text>
      <Alert
        type="info"
        showIcon
        title={t(which === 'first' ? 'accounts.firstPartTitle' : 'accounts.secondPartTitle')}
        description={t('accounts.splitPasswordHint')}
      />
    </Space>
  )
}
