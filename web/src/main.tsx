import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { App } from './App.js'
import { ApiError } from './api/client.js'
import { sessionKeys } from './api/session.js'
import './i18n/index.js'

const queries: QueryClient = new QueryClient({
  // A session that ends (idle, expired, account disabled) brings back the
  // sign-in page; the address stays, so signing in returns to the same page.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        query.queryKey[0] !== sessionKeys.me[0]
      ) {
        queries.setQueryData(sessionKeys.me, null)
      }
    },
  }),
  // Customer data is never kept around longer than the screen shows it (ACC-2).
  defaultOptions: { queries: { retry: false, gcTime: 0, refetchOnWindowFocus: false } },
})

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  )
}
