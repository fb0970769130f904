/** ECharts with the statistics' parts, loaded once, when the first chart is drawn. */
let loading: Promise<typeof import('echarts/core')> | undefined

export function loadEcharts() {
  loading ??= import('./echarts-parts.js').then((parts) => parts.echarts)
  return loading
}
