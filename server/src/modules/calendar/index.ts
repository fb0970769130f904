/** The calendar module's face: working days and the deadlines counted in them. */
export { calendarRoutes } from './calendar.routes.js'
export { deadlineFor, loadOverrides } from './calendar.service.js'
export { dayIn, endOfDayIn, type Overrides, workingDaysLeft } from './working-days.js'
