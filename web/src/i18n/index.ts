import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { followLanguageInDates } from './date-locale.js'
import { en } from './en/index.js'
import { zhCN } from './zh-CN/index.js'

const STORAGE_KEY = 'custodia.language'

/**
 * The language chosen in this browser; else the first of the browser's
 * languages the console speaks; else zh-CN (UI-1).
 */
export function initialLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): 'zh-CN' | 'en' {
  if (stored === 'zh-CN' || stored === 'en') return stored
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0]
    if (primary === 'zh') return 'zh-CN'
    if (primary === 'en') return 'en'
  }
  return 'zh-CN'
}

// Set before the first render (init below is synchronous with inline resources), then on every switch.
i18n.on('languageChanged', followLanguageInDates)

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages ?? []),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
})

export function switchLanguage(): void {
  const next = i18n.language === 'en' ? 'zh-CN' : 'en'
  localStorage.setItem(STORAGE_KEY, next)
  void i18n.changeLanguage(next)
}

export default i18n
