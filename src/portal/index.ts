export { portalRoutes, type PortalDeps } from './routes.ts';
