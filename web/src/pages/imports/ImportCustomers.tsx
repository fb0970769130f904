import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Space, Spin, Steps, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import type { Me } from '../../api/types.js'
import { DryRunStep } from './DryRunStep.js'
import { ImportStateTag } from './ImportStateTag.js'
import { type ImportView, importKeys, useImport } from './imports-api.js'
import { MappingStep } from './MappingStep.js'
import { RecentImports } from './RecentImports.js'
import { RunStep } from './RunStep.js'
import { UploadStep } from './UploadStep.js'

const STEPS = ['upload', 'mapping', 'dryRun', 'run'] as const

function stepOf(view: ImportView | undefined, remapping: boolean): number {
  if (!view) return 0
  if (view.state === 'uploaded' || (remapping && view.state === 'ready')) return 1
  if (view.state === 'validating' || view.state === 'ready') return 2
  return 3
}

/**
 * 导入客户 (issue 18 §1, DQ-3): a CSV or Excel file of customers uploaded,
 * its columns mapped to the catalogue's fields, every row checked by a dry
 * run with a per-row report, then imported — for whoever may import
 * (customers.import, the managers). The open import is in the address
 * (`?import=`), so a running one is reopened from the list or a reload.
 */
export function ImportCustomers(_props: { me: Me }) {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const id = params.get('import') ?? undefined
  const job = useImport(id)
  const [remapping, setRemapping] = useState(false)
  const view = id ? job.data : undefined
  // The list of recent imports follows the open one from state to state (its tag).
  const queries = useQueryClient()
  const state = view?.state
  useEffect(() => {
    if (state) void queries.invalidateQueries({ queryKey: importKeys.list() })
  }, [state, queries])
  const open = (next: string | undefined) => {
    setRemapping(false)
    setParams(next ? { import: next } : {})
  }
  const step = stepOf(view, remapping)

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('imports.title')}
        extra={id && <Button onClick={() => open(undefined)}>{t('imports.newImport')}</Button>}
      >
        <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={STEPS.map((name) => ({ title: t(`imports.steps.${name}`) }))}
        />
        {view && (
          <Space style={{ marginBottom: 16 }}>
            <Typography.Text strong>{view.fileName}</Typography.Text>
            <ImportStateTag state={view.state} />
          </Space>
        )}
        {id && job.isError && <Alert type="error" showIcon title={job.error.message} />}
        {id && job.isPending && <Spin />}
        {!id && <UploadStep onUploaded={(uploaded) => open(uploaded.id)} />}
        {view && step === 1 && (
          <MappingStep
            key={view.id}
            view={view}
            onSaved={() => setRemapping(false)}
            onBack={remapping ? () => setRemapping(false) : undefined}
          />
        )}
        {view && step === 2 && <DryRunStep view={view} onRemap={() => setRemapping(true)} />}
        {view && step === 3 && <RunStep view={view} onNew={() => open(undefined)} />}
      </Card>
      <RecentImports onOpen={open} />
    </Space>
  )
}
