import { Form, message, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useTrackingForm, useUpdateTrackingForm } from '../../api/tracking.js'
import { FieldInput, filledValues, useFieldLabel } from './tracking-fields.js'

/**
 * The tracking form's fields inside a follow-up's completion: the form of
 * an A or B customer is updated at each follow-up (篇五 (四)). Named under
 * `tracking` in the completing form; shows nothing for a customer without
 * a form (docs/tracking.md).
 */
export function TrackingAtFollowUp({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const labelOf = useFieldLabel()
  const form = useTrackingForm(customerId)
  if (!form.data?.applies) return null
  return (
    <div data-testid="tracking-at-follow-up">
      <Typography.Text strong>{t('tracking.atFollowUp')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('tracking.unchangedHint')}</Typography.Paragraph>
      {form.data.fields.map((f) => (
        <Form.Item key={f.code} name={['tracking', f.code]} label={labelOf(f)}>
          <FieldInput field={f} />
        </Form.Item>
      ))}
    </div>
  )
}

/**
 * Saves what was filled in of the form once the follow-up is done (a step
 * of its own: PUT /customers/{id}/tracking-form). The follow-up stays done
 * whatever happens here; a refusal is shown, never thrown back.
 */
export function useTrackingAtFollowUp(customerId: string) {
  const { t } = useTranslation()
  const update = useUpdateTrackingForm(customerId)
  return async (values: Record<string, string | number | null | undefined> | undefined) => {
    const changes = filledValues(values)
    if (Object.keys(changes).length === 0) return
    try {
      await update.mutateAsync({ values: changes })
      void message.success(t('tracking.saved'))
    } catch (caught) {
      void message.error(caught instanceof Error ? caught.message : String(caught))
    }
  }
}
