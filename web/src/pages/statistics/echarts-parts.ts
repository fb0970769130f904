import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

/*
 * Only the parts of ECharts the statistics draw — bars, lines and a pie on
 * a canvas, with axes, a legend and tooltips — so the chunk holds those
 * alone. This module is loaded by load-echarts.ts when a chart is first
 * drawn, never with the console's first page.
 */
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
])

export { echarts }
