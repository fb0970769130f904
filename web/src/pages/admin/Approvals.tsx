import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type ApprovalStatus,
  type ApprovalStep,
  useApprovals,
  useDecideApproval,
} from '../../api/approvals.js'
import { useRoleNames } from '../../api/roles.js'
import type { Approval, RoleGrant } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PasswordPart } from '../../components/PasswordPart.js'
import { ClassificationRequest, isClassificationKind } from '../../components/PendingChanges.js'
import { formatTime } from '../../i18n/format.js'

type Status = ApprovalStatus
type Step = ApprovalStep
const COLOURS: Record<Status, string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
}

/**
 * The second person's queue (ACC-5): requests the caller may decide — who
 * asked, for what, when — approved or rejected with a note. The server
 * refuses a decision by the requester or by the account a request concerns.
 * Approving a role grant or a password reset shows the approver, once, the
 * second part of the account's new one-time password.
 */
export function Approvals() {
  const { t } = useTranslation()
  const [status, setStatus] = useState<Status>('pending')
  const [deciding, setDeciding] = useState<{ row: Approval; step: Step } | null>(null)
  const approvals = useApprovals(status)
  return (
    <Card
      title={t('menu.approvals')}
      extra={
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as Status)}
          options={(['pending', 'approved', 'rejected', 'withdrawn'] satisfies Status[]).map(
            (value) => ({
              value,
              label: t(`approvals.statuses.${value}`),
            }),
          )}
        />
      }
    >
      {approvals.isError && <Alert type="error" showIcon title={approvals.error.message} />}
      <Table<Approval>
        rowKey="id"
        size="small"
        loading={approvals.isPending}
        dataSource={approvals.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: t(status === 'pending' ? 'approvals.empty' : 'approvals.emptyDecided'),
        }}
        columns={[
          {
            title: t('approvals.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`approvals.kinds.${kind}`, { defaultValue: kind }),
          },
          { title: t('approvals.what'), render: (_, row) => <RequestDetails row={row} /> },
          {
            title: t('approvals.requested'),
            render: (_, row) => `${row.requestedBy.username} · ${formatTime(row.requestedAt)}`,
          },
          {
            title: t('approvals.status'),
            dataIndex: 'status',
            render: (value: Status) => (
              <Tag color={COLOURS[value]}>{t(`approvals.statuses.${value}`)}</Tag>
            ),
          },
          ...(status === 'pending'
            ? [
                {
                  title: '',
                  render: (_: unknown, row: Approval) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setDeciding({ row, step: 'approve' })}
                      >
                        {t('approvals.approve')}
                      </Button>
                      <Button size="small" onClick={() => setDeciding({ row, step: 'reject' })}>
                        {t('approvals.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : [
                {
                  title: t('approvals.decided'),
                  render: (_: unknown, row: Approval) =>
                    row.decidedBy ? (
                      <Space orientation="vertical" size={0}>
                        <span>{`${row.decidedBy.username} · ${formatTime(row.decidedAt)}`}</span>
                        {row.note && <Typography.Text type="secondary">{row.note}</Typography.Text>}
                      </Space>
                    ) : (
                      formatTime(row.decidedAt)
                    ),
                },
              ]),
        ]}
      />
      {deciding && <DecisionForm {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  )
}

/** What a request asks: a role grant or two-factor reset by its account and roles; another kind by its details. */
function RequestDetails({ row }: { row: Approval }) {
  const { t } = useTranslation()
  const roleName = useRoleNames()
  const { details } = row
  if (isClassificationKind(row.kind)) return <ClassificationRequest row={row} />
  if (row.kind === 'entry_review_off') {
    return (
      <span>
        {t('approvals.entryReviewOff', {
          department: details.department ?? t('approvals.everyDepartment'),
          source: details.source
            ? t(`values.source.${details.source}`)
            : t('approvals.everySource'),
        })}
      </span>
    )
  }
  if (row.kind === 'role_grant') {
    const roles = (value: unknown) =>
      (Array.isArray(value) ? (value as RoleGrant['code'][]) : []).map((role) => (
        <Tag key={role}>{roleName(role)}</Tag>
      ))
    return (
      <Space orientation="vertical" size={2}>
        <span>{`${details.displayName ?? ''} (${details.username ?? details.accountId})`}</span>
        <span>
          {t('approvals.grant')} {roles(details.added)}
        </span>
        <Typography.Text type="secondary">
          {t('approvals.afterwards')} {roles(details.to)}
        </Typography.Text>
        <Typography.Text type="secondary">{t('approvals.grantReissuesPassword')}</Typography.Text>
      </Space>
    )
  }
  if (row.kind === 'totp_reset' || row.kind === 'password_reset') {
    // ACC-4: approving removes the account's authenticator (it enrols again at its next sign-in),
    // or replaces its password by one whose second part only the approver is shown.
    const reset = row.kind === 'totp_reset' ? 'TwoFactor' : 'Password'
    return (
      <Space orientation="vertical" size={2}>
        <span>{`${details.displayName ?? ''} (${details.username ?? details.accountId})`}</span>
        <span>
          {t(`approvals.reset${reset}Of`)}{' '}
          {(Array.isArray(details.roles) ? (details.roles as RoleGrant['code'][]) : []).map(
            (role) => (
              <Tag key={role}>{roleName(role)}</Tag>
            ),
          )}
        </span>
        <Typography.Text type="secondary">{t(`approvals.reset${reset}Hint`)}</Typography.Text>
      </Space>
    )
  }
  return (
    <Space orientation="vertical" size={0}>
      {Object.entries(details).map(([key, value]) => (
        <span key={key}>
          {`${t(`approvals.fields.${key}`, { defaultValue: key })}: ${
            Array.isArray(value) ? value.join(', ') : (value ?? '—')
          }`}
        </span>
      ))}
    </Space>
  )
}

function DecisionForm({ row, step, onClose }: { row: Approval; step: Step; onClose: () => void }) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const decide = useDecideApproval({
    // Shown once, never again: the server keeps only the hash of the whole password.
    onSuccess: (decided) => {
      if (decided.oneTimePasswordSecondPart)
        modal.success({
          title: t('approvals.secondPartTitle', {
            username: row.details.username ?? row.details.accountId,
          }),
          content: <PasswordPart part={decided.oneTimePasswordSecondPart} which="second" />,
        })
    },
  })
  const [form] = Form.useForm<{ note?: string }>()
  return (
    <FormModal
      title={t(`approvals.confirm.${step}`)}
      form={form}
      okText={t(`approvals.${step}`)}
      danger={step === 'reject'}
      onSubmit={async (values) => {
        await decide.mutateAsync({ id: row.id, step, note: values.note })
      }}
      onClose={onClose}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('approvals.note')}
          rules={step === 'reject' ? [{ required: true, whitespace: true }] : []}
          extra={t(`approvals.noteHint.${step}`)}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
