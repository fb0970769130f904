import { Alert, Button, Card, Descriptions } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLatestCheckpoint, useTrailVerification } from '../../api/audit.js'
import { formatTime } from '../../i18n/format.js'

/**
 * AUD-2: the latest signed checkpoint, and a full verification on demand —
 * it reads the whole trail, so it runs when asked, not on every visit.
 */
export function TrailVerification() {
  const { t } = useTranslation()
  const checkpoint = useLatestCheckpoint()
  const verify = useTrailVerification()
  const result = verify.data
  return (
    <Card
      title={t('audit.verification')}
      extra={
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verifyNow')}
        </Button>
      }
    >
      <Descriptions size="small" column={{ xs: 1, lg: 3 }}>
        <Descriptions.Item label={t('audit.checkpointSize')}>
          {checkpoint.data?.size ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.checkpointSignedAt')}>
          {checkpoint.data ? formatTime(checkpoint.data.signedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.checkpointKey')}>
          {checkpoint.data?.keyId ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      {verify.isError && <Alert type="error" showIcon title={verify.error.message} />}
      {result &&
        (result.ok ? (
          <Alert
            type="success"
            showIcon
            title={t('audit.verified', { events: result.events, pending: result.pending })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            // The problem by name in the user's language, its code on hover (issue 14 item 1).
            title={
              <span title={result.problem}>
                {t(result.witnessLine === undefined ? 'audit.tampered' : 'audit.tamperedWitness', {
                  position: result.firstBadPosition,
                  line: result.witnessLine,
                  problem: t(`auditProblems.${result.problem ?? ''}`, {
                    defaultValue: t('audit.unknownProblem'),
                  }),
                })}
              </span>
            }
          />
        ))}
    </Card>
  )
}
