import { Input, InputNumber, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TrackingField } from '../../api/tracking.js'

/** A field's name in the reader's language. */
export function useFieldLabel() {
  const { i18n } = useTranslation()
  return (f: { labelZh: string; labelEn: string }) =>
    i18n.language === 'en' ? f.labelEn : f.labelZh
}

/** Only what was filled in: an item left empty keeps its value on the server. */
export function filledValues(
  values: Record<string, string | number | null | undefined> | undefined,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number>
}

/**
 * The input of one field by its kind. Form.Item hands its child the id,
 * value and onChange: they are passed on to the control, so the label
 * names it and the form reads it.
 */
export function FieldInput({
  field,
  ...control
}: {
  field: TrackingField
  id?: string
  value?: string | number
  onChange?: (value: unknown) => void
}) {
  const { i18n } = useTranslation()
  switch (field.kind) {
    case 'choice':
      return (
        <Select
          {...control}
          allowClear
          options={field.options.map((o) => ({
            value: o.code,
            label: i18n.language === 'en' ? o.labelEn : o.labelZh,
          }))}
        />
      )
    case 'amount':
      return (
        <InputNumber
          {...control}
          value={typeof control.value === 'number' ? control.value : null}
          min={0}
          precision={2}
          style={{ width: '100%' }}
        />
      )
    case 'date':
      return <Input {...control} value={control.value as string | undefined} type="date" />
    default:
      return <Input {...control} value={control.value as string | undefined} maxLength={500} />
  }
}
