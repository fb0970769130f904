import { Alert, Button, type FormInstance, List } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { useFieldLabels } from '../../api/catalogue.js'
import {
  type DuplicateCheck as Asked,
  type DuplicateMatch,
  type LikelyDuplicate,
  useDuplicateCheck,
} from '../../api/entry.js'
import { formatDate } from '../../i18n/format.js'

const IDENTIFIERS = {
  individual: ['idType', 'idNumber', 'mobile', 'email', 'bankAccounts', 'bankCards'],
  organization: ['creditCode', 'contacts'],
} as const
/** Compared by similarity for likely duplicates (DQ-1), never looked up as typed. */
const SIMILAR = {
  individual: ['name', 'phone', 'address', 'employer'],
  organization: ['name', 'address'],
} as const

type Kind = keyof typeof IDENTIFIERS

/**
 * The duplicate check before a record is saved (CUS-4): the identifiers
 * typed so far, looked up on the blind indexes. A match the user may see
 * links to it; one beyond their scope names only who registered it and
 * until when (客户首访原则).
 */
export function DuplicateCheck({ form, kind }: { form: FormInstance; kind: Kind }) {
  const { t } = useTranslation()
  const check = useDuplicateCheck()
  const run = () => {
    const values = form.getFieldsValue() as Record<string, unknown>
    const asked = Object.fromEntries(
      [...IDENTIFIERS[kind], ...SIMILAR[kind]]
        .map((field) => [field, values[field]] as const)
        .filter(
          ([, value]) =>
            value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
        ),
    )
    const identifiers = Object.keys(asked).filter((field) => field !== 'idType')
    // A name alone is checked too: a likely duplicate may show from it with the rest.
    if (identifiers.length === 0) {
      check.reset()
      return
    }
    check.mutate({ kind, ...asked } as Asked)
  }
  return (
    <div style={{ marginBottom: 16 }}>
      <Button onClick={run} loading={check.isPending}>
        {t('entry.duplicate.check')}
      </Button>
      {check.isError && (
        <Alert type="error" title={check.error.message} showIcon style={{ marginTop: 8 }} />
      )}
      {check.data && <Matches matches={check.data.matches} />}
      {check.data && <LikelyDuplicates likely={check.data.likely} />}
    </div>
  )
}

function Matches({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation()
  const label = useFieldLabels()
  if (matches.length === 0) {
    return (
      <Alert type="success" title={t('entry.duplicate.none')} showIcon style={{ marginTop: 8 }} />
    )
  }
  const fields = (match: DuplicateMatch) => match.fields.map((field) => label(field)).join('、')
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={t('entry.duplicate.title')}
      description={
        <List
          size="small"
          dataSource={matches}
          renderItem={(match) => (
            <List.Item data-testid="duplicate-match">
              {match.inScope ? (
                <span>
                  {t('entry.duplicate.inScope', { name: match.name, fields: fields(match) })}{' '}
                  <Link to={`/customers/${match.customerId}`}>{t('entry.duplicate.open')}</Link>
                </span>
              ) : match.registration ? (
                t(
                  match.registration.valid
                    ? 'entry.duplicate.registered'
                    : 'entry.duplicate.registeredExpired',
                  {
                    fields: fields(match),
                    who: match.registration.registeredBy.name,
                    at: formatDate(match.registration.registeredAt),
                    until: formatDate(match.registration.validUntil),
                  },
                )
              ) : (
                t('entry.duplicate.inPool', { fields: fields(match) })
              )}
            </List.Item>
          )}
        />
      }
    />
  )
}

/** Customers of one's scope likely the same by similarity, masked, with the reasons of their score (DQ-1). */
function LikelyDuplicates({ likely }: { likely: LikelyDuplicate[] }) {
  const { t } = useTranslation()
  if (likely.length === 0) {
    return (
      <Alert type="info" title={t('entry.duplicate.noLikely')} showIcon style={{ marginTop: 8 }} />
    )
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={t('entry.duplicate.likelyTitle')}
      description={
        <List
          size="small"
          dataSource={likely}
          renderItem={(item) => (
            <List.Item data-testid="likely-duplicate">
              <span>
                {t('entry.duplicate.likely', {
                  name: item.name,
                  score: Math.round(item.score * 100),
                  reasons: item.reasons
                    .filter((reason) => reason.weight > 0)
                    .map((reason) => t(`entry.duplicate.reasons.${reason.key}`))
                    .join('、'),
                })}{' '}
                <Link to={`/customers/${item.customerId}`}>{t('entry.duplicate.open')}</Link>
              </span>
            </List.Item>
          )}
        />
      }
    />
  )
}

/** The sentence under a refused entry: who registered the customer first, and until when. */
export function refusalOf(
  t: (key: string, values: Record<string, string>) => string,
  details: Record<string, unknown> | undefined,
): string | null {
  const registration = details?.registration as
    | { registeredBy: { name: string }; registeredAt: string; validUntil: string; valid: boolean }
    | undefined
  if (!registration) return null
  return t(registration.valid ? 'entry.refused' : 'entry.refusedExpired', {
    who: registration.registeredBy.name,
    at: formatDate(registration.registeredAt),
    until: formatDate(registration.validUntil),
  })
}
