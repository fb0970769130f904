import type { EChartsCoreOption } from 'echarts/core'
import { useEffect, useRef } from 'react'
import { loadEcharts } from './load-echarts.js'

/**
 * One ECharts chart drawn into a box of the given height; redrawn when its
 * option changes, resized with its box, disposed when it leaves the page.
 */
export function Chart({
  option,
  height = 280,
  label,
}: {
  option: EChartsCoreOption
  height?: number
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<import('echarts/core').ECharts | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn once per mount; a later option goes through setOption below
  useEffect(() => {
    let gone = false
    let observer: ResizeObserver | undefined
    void loadEcharts().then((echarts) => {
      if (gone || !box.current) return
      chart.current = echarts.init(box.current)
      chart.current.setOption(option)
      observer = new ResizeObserver(() => chart.current?.resize())
      observer.observe(box.current)
    })
    return () => {
      gone = true
      observer?.disconnect()
      chart.current?.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
}
