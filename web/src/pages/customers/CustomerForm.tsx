import { Alert, Button, Card, Checkbox, Form, Radio, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useCatalogue } from '../../api/catalogue.js'
import { ApiError } from '../../api/client.js'
import { showServerErrors } from '../../api/form-errors.js'
import type { CatalogueEntry, CustomerView, Me } from '../../api/types.js'
import { CustomerFields, formName } from './CustomerFields.js'
import { DuplicateCheck, refusalOf } from './DuplicateCheck.js'
import { show } from './show-value.js'

type Kind = CustomerView['kind']
type Values = Record<string, unknown>
export type CustomerChanges = Record<string, unknown>

/**
 * Create and edit (CUS-1, CUS-2). The form offers the catalogue's fields up
 * to the caller's view clearance — the server refuses the rest anyway — and
 * shows its field errors where they belong. Editing never fills a field
 * with a masked value: a masked field starts empty, shows the masked value
 * as a hint, and is sent only if something is typed into it.
 */
export function CustomerForm({
  me,
  customer,
  onSave,
}: {
  me: Me
  customer: CustomerView | null
  onSave: (changes: CustomerChanges) => Promise<CustomerView>
}) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const catalogue = useCatalogue()
  const [form] = Form.useForm<Values>()
  const [kind, setKind] = useState<Kind>(customer?.kind ?? 'individual')
  const [error, setError] = useState<string | null>(null)
  // CUS-2: the fields the server flagged for a confirmation (CONFIRMATION_REQUIRED).
  const [flagged, setFlagged] = useState<string[]>([])
  const [saving, setSaving] = useState(false)

  const entries = (catalogue.data?.items ?? []).filter(
    (entry) =>
      (entry.appliesTo === 'both' || entry.appliesTo === kind) &&
      entry.level <= Math.max(me.dataAccess.viewMaxLevel, 0),
  )
  const masked = new Set(customer?.masked ?? [])
  const current = (entry: CatalogueEntry): unknown =>
    entry.custom
      ? customer?.customFields?.[entry.field]
      : customer?.[entry.field as keyof CustomerView]
  const initial: Values = {}
  const hints: Record<string, string> = {}
  for (const entry of entries) {
    const value = current(entry)
    if (value === undefined || value === null) continue
    if (masked.has(entry.field)) hints[entry.field] = t('edit.maskedHint', { value: show(value) })
    else if (entry.custom)
      initial.customFields = { ...(initial.customFields as Values), [entry.field]: value }
    else initial[entry.field] = value
  }

  const save = async (values: Values) => {
    setError(null)
    setSaving(true)
    const { confirmFlagged, ...rest } = values
    const confirm = confirmFlagged ? flagged.flatMap((field) => CONFIRMATIONS[field] ?? []) : []
    try {
      const saved = await onSave({
        ...(customer ? changesOf(entries, initial, rest, masked) : { kind, ...filled(rest) }),
        ...(confirm.length > 0 ? { confirm } : {}),
      })
      void navigate(`/customers/${saved.id}`)
    } catch (caught) {
      if (caught instanceof ApiError && caught.body.code === 'CONFIRMATION_REQUIRED') {
        setFlagged(Object.keys(caught.body.fields ?? {}))
        form.setFieldValue('confirmFlagged', false)
      }
      const refusal = caught instanceof ApiError ? refusalOf(t, caught.body.details) : null
      const shown = showServerErrors(form, caught)
      setError(refusal ? `${shown} ${refusal}` : shown)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card
      loading={catalogue.isPending}
      title={customer ? t('edit.title', { name: show(customer.name) }) : t('create.title')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        style={{ maxWidth: 960 }}
        onFinish={(values) => void save(values)}
      >
        {!customer && (
          <Form.Item label={t('create.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <Radio.Button value="individual">{t('customers.kind.individual')}</Radio.Button>
              <Radio.Button value="organization">{t('customers.kind.organization')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <CustomerFields
          entries={entries}
          label={(entry) => (i18n.language === 'en' ? entry.labelEn : entry.labelZh)}
          hints={hints}
          required={new Set(customer && masked.has('name') ? [] : ['name'])}
        />
        {!customer && <DuplicateCheck form={form} kind={kind} />}
        {flagged.length > 0 && (
          <Form.Item name="confirmFlagged" valuePropName="checked">
            <Checkbox>{t('create.confirmFlagged')}</Checkbox>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('create.save')}
          </Button>
          <Button onClick={() => navigate(customer ? `/customers/${customer.id}` : '/customers')}>
            {t('create.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  )
}

/**
 * What ticking the confirmation confirms, per flagged field: the warnings
 * the server may raise on it (an unknown GB/T 2260 region, a credit code's
 * failed checksum). Only fields the server flagged are confirmed.
 */
const CONFIRMATIONS: Record<string, string[]> = {
  idNumber: ['idNumberRegion'],
  creditCode: ['creditCodeChecksum', 'creditCodeRegion'],
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0)

/** A new record: every field that holds something. */
function filled(values: Values): Values {
  const custom = Object.entries((values.customFields as Values | undefined) ?? {}).filter(
    ([, value]) => !isEmpty(value),
  )
  const plain = Object.entries(values).filter(
    ([key, value]) => key !== 'customFields' && !isEmpty(value),
  )
  return {
    ...Object.fromEntries(plain),
    ...(custom.length > 0 ? { customFields: Object.fromEntries(custom) } : {}),
  }
}

/**
 * A change: plain fields that differ from what was shown (emptied means
 * removed: null), masked fields only when something was typed.
 */
function changesOf(
  entries: CatalogueEntry[],
  initial: Values,
  values: Values,
  masked: Set<string>,
): CustomerChanges {
  const changes: CustomerChanges = {}
  const customChanges: Values = {}
  for (const entry of entries) {
    const name = formName(entry)
    const now = Array.isArray(name)
      ? (values.customFields as Values | undefined)?.[entry.field]
      : values[entry.field]
    const before = Array.isArray(name)
      ? (initial.customFields as Values | undefined)?.[entry.field]
      : initial[entry.field]
    if (
      masked.has(entry.field)
        ? isEmpty(now)
        : JSON.stringify(now ?? null) === JSON.stringify(before ?? null)
    ) {
      continue
    }
    const value = isEmpty(now) ? null : now
    if (entry.custom) customChanges[entry.field] = value
    else changes[entry.field] = value
  }
  if (Object.keys(customChanges).length > 0) changes.customFields = customChanges
  return changes
}
