export { officeRoutes, type OfficeDeps } from './routes.ts';
export { agencyUrlsFrom, apiBasesFrom, httpApi, injectApi, partOf, routedApi, type OfficeApi } from './api.ts';
export { OfficeSessions } from './session.ts';
