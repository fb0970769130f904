import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CatalogueEntry } from '../../api/types.js'

/** The fixed choices of the choice fields; their labels are under `values.<field>.<choice>`. */
export const CHOICES: Record<string, string[]> = {
  grade: ['important', 'general'],
  trackingLevel: ['A', 'B', 'C'],
  tenure: ['new', 'returning', 'loyal'],
  size: ['large', 'medium', 'small', 'micro'],
  source: ['web_form', 'customer_service', 'phone', 'survey', 'visit', 'referral', 'third_party'],
  gender: ['male', 'female', 'other'],
  idType: [
    'resident_id',
    'passport',
    'hk_macao_permit',
    'taiwan_permit',
    'foreign_permanent_residence',
    'other',
  ],
}
const LONG_TEXT = new Set(['investments', 'needs', 'notes'])

/** Where a field's value sits in the form: custom fields under `customFields`. */
export const formName = (entry: CatalogueEntry): string | [string, string] =>
  entry.custom ? ['customFields', entry.field] : entry.field

/**
 * The catalogue's fields for a kind of customer, grouped by level (CLS-1) —
 * basic, attributes, financial, most sensitive — in two columns so the form
 * fits a laptop screen. `hints` holds what to show in an empty field, e.g.
 * the masked current value.
 */
export function CustomerFields({
  entries,
  label,
  hints,
  required,
}: {
  entries: CatalogueEntry[]
  label: (entry: CatalogueEntry) => string
  hints: Record<string, string>
  required: Set<string>
}) {
  const { t } = useTranslation()
  return (
    <>
      {/* Basic information first (the name opens the form), then attributes, then the protected levels. */}
      {[1, 0, 2, 3].map((level) => {
        const group = entries.filter((entry) => entry.level === level)
        if (group.length === 0) return null
        return (
          <div key={level}>
            <Divider titlePlacement="start" plain>
              {level === 0 ? t('edit.attributes') : t(`catalogue.levels.${level}`)}
            </Divider>
            <Row gutter={24}>
              {group.map((entry) => (
                <Col
                  key={entry.field}
                  xs={24}
                  md={entry.dataType === 'contacts' || LONG_TEXT.has(entry.field) ? 24 : 12}
                >
                  {entry.dataType === 'contacts' ? (
                    <ContactsInput label={label(entry)} hint={hints[entry.field]} />
                  ) : (
                    <Form.Item
                      name={formName(entry)}
                      label={label(entry)}
                      rules={required.has(entry.field) ? [{ required: true }] : []}
                      extra={hints[entry.field]}
                    >
                      <FieldInput entry={entry} />
                    </Form.Item>
                  )}
                </Col>
              ))}
            </Row>
          </div>
        )
      })}
    </>
  )
}

/** The control for one field, by its data type. Props come from Form.Item. */
function FieldInput({ entry, ...control }: { entry: CatalogueEntry }) {
  const { t } = useTranslation()
  switch (entry.dataType) {
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} {...control} />
    case 'text-list':
      return <Select mode="tags" open={false} tokenSeparators={[',', '，', ';']} {...control} />
    case 'choice':
      return (
        <Select
          allowClear
          options={(CHOICES[entry.field] ?? []).map((value) => ({
            value,
            label: t(`values.${entry.field}.${value}`),
          }))}
          {...control}
        />
      )
    default:
      return LONG_TEXT.has(entry.field) || entry.custom ? (
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} {...control} />
      ) : (
        <Input {...control} />
      )
  }
}

/** An organisation's contact people: name (required), mobile, email, title. */
function ContactsInput({ label, hint }: { label: string; hint: string | undefined }) {
  const { t } = useTranslation()
  return (
    <Form.Item label={label} extra={hint}>
      <Form.List name="contacts">
        {(rows, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {rows.map(({ key, name }) => (
              <Space key={key} align="start" wrap>
                <Form.Item name={[name, 'name']} rules={[{ required: true }]} noStyle>
                  <Input placeholder={t('contacts.name')} aria-label={t('contacts.name')} />
                </Form.Item>
                <Form.Item name={[name, 'mobile']} noStyle>
                  <Input placeholder={t('contacts.mobile')} aria-label={t('contacts.mobile')} />
                </Form.Item>
                <Form.Item name={[name, 'email']} noStyle>
                  <Input placeholder={t('contacts.email')} aria-label={t('contacts.email')} />
                </Form.Item>
                <Form.Item name={[name, 'title']} noStyle>
                  <Input placeholder={t('contacts.title')} aria-label={t('contacts.title')} />
                </Form.Item>
                <Button onClick={() => remove(name)}>{t('contacts.remove')}</Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()}>
              {t('contacts.add')}
            </Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  )
}
