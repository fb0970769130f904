import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFieldLabels } from '../../api/catalogue.js'
import { api } from '../../api/client.js'
import type { Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { FormModal } from '../FormModal.js'

/** The kinds of second-person approval this screen family files (ACC-5). */
export type ClassificationKind = 'catalogue_change' | 'purpose_change'

type Approval = {
  id: string
  kind: string
  subject: { type: string; id: string }
  details: Record<string, string | string[] | null>
  requestedBy: { id: string; username: string }
  requestedAt: string
}

/** The answer of a change that waits for approval. */
export const isPending = (answer: unknown): boolean =>
  (answer as { status?: string } | undefined)?.status === 'pending_approval'

const queryKey = (kind: ClassificationKind) => ['approvals', kind]

/** The pending changes of one kind, for marking the rows they concern. */
export function usePendingChanges(kind: ClassificationKind, me: Me) {
  return useQuery({
    queryKey: queryKey(kind),
    enabled: me.permissions.includes('approvals.review'),
    queryFn: () =>
      api<{ items: Approval[] }>('GET', `/approvals?kind=${kind}`).then((r) => r.items),
  })
}

/**
 * Changes that lower a field's protection or let a purpose reach further,
 * awaiting a second person of the other function (secadmin ↔ compliance):
 * what each changes, who asked, and approve or reject for whoever may
 * decide. The requester sees their own as awaiting approval.
 */
export function PendingChanges({ kind, me }: { kind: ClassificationKind; me: Me }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const queries = useQueryClient()
  const [rejecting, setRejecting] = useState<Approval | null>(null)
  const pending = usePendingChanges(kind, me)
  const describe = useChangeDescription(kind)
  const decide = useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api('POST', `/approvals/${id}/${note ? 'reject' : 'approve'}`, note ? { note } : {}),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: queryKey(kind) })
      await queries.invalidateQueries({
        queryKey: [kind === 'catalogue_change' ? 'field-catalogue' : 'purposes'],
      })
    },
    onError: (error) => void message.error(error.message),
  })
  const items = pending.data ?? []
  if (!me.permissions.includes('approvals.review') || items.length === 0) return null
  return (
    <Card size="small" type="inner" title={t('pendingChanges.title')} style={{ marginBottom: 16 }}>
      {pending.isError && <Alert type="error" showIcon title={pending.error.message} />}
      <Typography.Paragraph type="secondary">{t('pendingChanges.hint')}</Typography.Paragraph>
      <Table<Approval>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('pendingChanges.subject'), render: (_, row) => describe.subject(row) },
          {
            title: t('pendingChanges.lowers'),
            render: (_, row) =>
              [row.details.lowered ?? row.details.widened ?? []].flat().map((aspect) => (
                <Tag key={aspect} color="orange">
                  {t(`pendingChanges.aspects.${aspect}`)}
                </Tag>
              )),
          },
          { title: t('pendingChanges.change'), render: (_, row) => describe.change(row) },
          {
            title: t('pendingChanges.requested'),
            render: (_, row) => `${row.requestedBy.username} · ${formatTime(row.requestedAt)}`,
          },
          {
            title: '',
            render: (_, row) =>
              row.requestedBy.id === me.id ? (
                <Tag>{t('pendingChanges.awaiting')}</Tag>
              ) : (
                me.permissions.includes('classification.approve') && (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        modal.confirm({
                          title: t('pendingChanges.confirmApprove'),
                          onOk: () => decide.mutateAsync({ id: row.id }),
                        })
                      }
                    >
                      {t('pendingChanges.approve')}
                    </Button>
                    <Button size="small" onClick={() => setRejecting(row)}>
                      {t('pendingChanges.reject')}
                    </Button>
                  </Space>
                )
              ),
          },
        ]}
      />
      {rejecting && (
        <RejectForm
          onSubmit={(note) => decide.mutateAsync({ id: rejecting.id, note })}
          onClose={() => setRejecting(null)}
        />
      )}
    </Card>
  )
}

function RejectForm({
  onSubmit,
  onClose,
}: {
  onSubmit: (note: string) => Promise<unknown>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ note: string }>()
  return (
    <FormModal
      title={t('pendingChanges.reject')}
      form={form}
      onSubmit={(values) => onSubmit(values.note)}
      onClose={onClose}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('pendingChanges.note')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** How a classification request reads in the user's words: its subject, and each changed term before → after (reusable by a general approvals screen). */
export function useChangeDescription(kind: ClassificationKind) {
  const { t, i18n } = useTranslation()
  const label = useFieldLabels()
  const english = i18n.language === 'en'
  const keyLabel = (key: string) =>
    t(kind === 'catalogue_change' ? `catalogue.${key}` : `purposes.${key}`, {
      defaultValue: key,
    })
  const valueLabel = (key: string, value: string) => {
    if (key === 'level' || key === 'maxLevel') return t(`catalogue.levels.${value}`)
    if (key === 'masking') return t(`catalogue.maskingRules.${value}`)
    if (key === 'legalBasis') return t(`purposes.bases.${value}`)
    if (key === 'sensitive' || key === 'active')
      return t(value === 'true' ? 'pendingChanges.on' : 'pendingChanges.off')
    if (key === 'fields') return value ? value.split(',').map(label).join('、') : '—'
    return value || '—'
  }
  const parse = (items: string | string[] | null | undefined) =>
    new Map(
      [items ?? []].flat().map((item) => {
        const at = item.indexOf('=')
        return [item.slice(0, at), item.slice(at + 1)] as const
      }),
    )
  return {
    subject: (row: Approval) => {
      const d = row.details
      const name = english ? (d.labelEn ?? d.nameEn) : (d.labelZh ?? d.nameZh)
      return (
        <Space size={4}>
          {d.action === 'create' && <Tag color="blue">{t('pendingChanges.new')}</Tag>}
          <span>{String(name ?? row.subject.id)}</span>
          <code>{row.subject.id}</code>
        </Space>
      )
    },
    change: (row: Approval) => {
      const from = parse(row.details.from)
      const to = parse(row.details.to)
      return (
        <Space orientation="vertical" size={0}>
          {[...to]
            .filter(([key]) => key !== 'code')
            .map(([key, value]) => (
              <span key={key}>
                {keyLabel(key)}：{from.has(key) && `${valueLabel(key, from.get(key) ?? '')} → `}
                {valueLabel(key, value)}
              </span>
            ))}
        </Space>
      )
    },
  }
}
