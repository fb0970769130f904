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
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import { useMe, useSignOut } from './api/session.js'
import type { Me } from './api/types.js'
import { NotificationBell } from './components/NotificationBell.js'
import { setCompanyTimeZone } from './i18n/format.js'
import { switchLanguage } from './i18n/index.js'
import { mayOpen, SCREENS } from './navigation.js'
import { SignIn } from './pages/SignIn.js'

/** The shell: who is signed in decides between the sign-in page and the console. */
export function App() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  return (
    // No space inserted between two Chinese characters of a button ("登 录"): labels read as written.
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      // "Please enter Reason" on a choice: one message that fits every kind of field.
      form={{ validateMessages: { required: t('app.required') } }}
    >
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

/** The console: a side menu of the screens the user may open, and the open screen. */
function Console({ me }: { me: Me }) {
  // Before any screen renders a time: every time shows in the company's zone.
  setCompanyTimeZone(me.timeZone)
  const { t } = useTranslation()
  const signOut = useSignOut()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const screens = SCREENS.filter((screen) => mayOpen(me, screen))
  const groups = (['work', 'privacy', 'audit', 'admin', 'personal'] as const)
    .map((group) => ({
      key: group,
      type: 'group' as const,
      label: t(`menu.groups.${group}`),
      children: screens
        .filter((screen) => screen.menu?.group === group)
        .map((screen) => ({ key: screen.path, label: t(`menu.${screen.menu?.label}`) })),
    }))
    .filter((group) => group.children.length > 0)
  // The menu entry of the longest path the address starts with: 客户档案审核
  // (/customers/review) lights alone, not with 客户档案 (/customers).
  const selected = screens
    .filter(
      (screen) =>
        screen.menu && (screen.path === '/' ? pathname === '/' : pathname.startsWith(screen.path)),
    )
    .map((screen) => screen.path)
    .sort((a, b) => b.length - a.length)
    .slice(0, 1)

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={224} breakpoint="lg" collapsedWidth={0} theme="light">
        {/* One line at every width the side menu shows at (issue 14: it wrapped at 1366 px). */}
        <Typography.Title
          data-testid="brand"
          level={5}
          style={{ padding: '16px', margin: 0, fontSize: 15, whiteSpace: 'nowrap' }}
        >
          {t('app.name')}
        </Typography.Title>
        <Menu
          mode="inline"
          items={groups}
          selectedKeys={selected}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            background: '#fff',
            paddingInline: 24,
          }}
        >
          <Space>
            <NotificationBell />
            <Typography.Text>
              {me.displayName}
              {me.department ? ` · ${me.department.name}` : ''}
            </Typography.Text>
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
              {screens.map((screen) => (
                <Route key={screen.path} path={screen.path} element={<screen.page me={me} />} />
              ))}
              <Route path="*" element={<Result status="404" title={t('app.notFound')} />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
