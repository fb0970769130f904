/** The statistics module's face (来人来电统计, issue 17 §6): its routes, for the composition root. */
export { statisticsRoutes } from './statistics.routes.js'
