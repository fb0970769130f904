import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Result,
  Space,
  Spin,
  Typography,
} from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom'
import { ApiError, api } from './api/client.js'
import type { Me } from './api/types.js'
import { switchLanguage } from './i18n/index.js'
import { SignIn } from './pages/SignIn.js'

// Route-level code splitting: each page's code loads when it is first shown.
const CustomerList = lazy(() =>
  import('./pages/customers/CustomerList.js').then((m) => ({ default: m.CustomerList })),
)
const CustomerCreate = lazy(() =>
  import('./pages/customers/CustomerCreate.js').then((m) => ({ default: m.CustomerCreate })),
)
const AuditTrail = lazy(() =>
  import('./pages/audit/AuditTrail.js').then((m) => ({ default: m.AuditTrail })),
)
const CustomerDetail = lazy(() =>
  import('./pages/customers/CustomerDetail.js').then((m) => ({ default: m.CustomerDetail })),
)

/** The shell: who is signed in decides between the sign-in page and the console. */
export function App() {
  const { t, i18n } = useTranslation()
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('GET', '/me')
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
  })
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <AntApp>
        {me.isPending ? (
          <Spin fullscreen />
        ) : me.isError ? (
          <Result status="error" title={t('errors.network')} />
        ) : me.data && me.data.pendingAction === null ? (
          <Console me={me.data} />
        ) : (
          <SignIn me={me.data ?? null} />
        )}
      </AntApp>
    </ConfigProvider>
  )
}

/** Where a signed-in user starts: the first screen their permissions open, if any. */
function Home({ me }: { me: Me }) {
  const { t } = useTranslation()
  if (me.permissions.includes('customers.read')) return <Navigate to="/customers" replace />
  if (me.permissions.includes('audit.read')) return <Navigate to="/audit" replace />
  return <Result status="info" title={t('app.nothingYet')} />
}

function Console({ me }: { me: Me }) {
  const { t } = useTranslation()
  const queries = useQueryClient()
  const navigate = useNavigate()
  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => undefined)
    // Nothing of the session stays in memory: every cached answer goes.
    queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' })
    queries.setQueryData(['me'], null)
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff' }}>
          {t('app.name')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          style={{ flex: 1 }}
          items={[
            ...(me.permissions.includes('customers.read')
              ? [{ key: 'customers', label: t('menu.customers') }]
              : []),
            ...(me.permissions.includes('audit.read')
              ? [{ key: 'audit', label: t('menu.audit') }]
              : []),
          ]}
          onClick={({ key }) => navigate(`/${key}`)}
        />
        <Space>
          <Typography.Text style={{ color: '#fff' }}>{me.displayName}</Typography.Text>
          <Button size="small" onClick={switchLanguage}>
            {t('app.language')}
          </Button>
          <Button size="small" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={<Spin />}>
          <Routes>
            <Route
              path="/customers"
              element={<CustomerList mayCreate={me.permissions.includes('customers.write')} />}
            />
            <Route path="/customers/new" element={<CustomerCreate />} />
            <Route path="/audit" element={<AuditTrail />} />
            <Route path="/customers/:id" element={<CustomerDetail me={me} />} />
            <Route path="*" element={<Home me={me} />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  )
}
