/**
 * Vietnamese working-day calendar: lunar calendar, statutory holidays (Labor Code 2019 art. 111–112),
 * published yearly calendars and working-day arithmetic. Pure code, no I/O.
 */
export { lunarToSolar, lunarNewYear, solarToLunar, leapMonthOf, type LunarDate } from './lunar.ts';
export { validateYearCalendar, dateRange, type YearCalendar } from './year-calendar.ts';
export { computedYearCalendar, statutoryHolidays, compensatoryDays, nationalDayAdjacent, type Holiday } from './computed.ts';
export { PUBLISHED_CALENDARS, PUBLISHED_YEARS, fromPublished, type PublishedYear } from './published.ts';
export { WorkingCalendar } from './working-calendar.ts';
