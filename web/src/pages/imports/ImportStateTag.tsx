import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportState } from './imports-api.js'

const COLORS: Record<ImportState, string> = {
  uploaded: 'default',
  validating: 'processing',
  ready: 'blue',
  importing: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
}

/** An import's state, in words. */
export function ImportStateTag({ state }: { state: ImportState }) {
  const { t } = useTranslation()
  return <Tag color={COLORS[state]}>{t(`imports.states.${state}`)}</Tag>
}
