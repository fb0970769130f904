import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en.js'
import { zhCN } from './zh-CN.js'

const STORAGE_KEY = 'custodia.language'

/** zh-CN by default; a switch to English is kept per browser (UI-1). */
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: localStorage.getItem(STORAGE_KEY) ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
})

export function switchLanguage(): void {
  const next = i18n.language === 'en' ? 'zh-CN' : 'en'
  localStorage.setItem(STORAGE_KEY, next)
  void i18n.changeLanguage(next)
}

export default i18n
