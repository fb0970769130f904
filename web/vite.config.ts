import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The console is served by the Custodia server from web/dist; `npm run dev -w web` proxies the API. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
