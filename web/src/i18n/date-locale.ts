import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

/**
 * Ant Design's date pickers take their month and weekday names from dayjs,
 * not from ConfigProvider's locale: dayjs follows the console's language too
 * (issue 14), Chinese weeks starting on Monday.
 */
export function followLanguageInDates(language: string): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn')
}
