/** The loopback REST API (DESIGN.md §5): the seed's endpoints, the settings window's, OpenAPI, SSE. */
export { createApiApp, type ApiAppOptions } from './app.js';
export { startApiServer, type ApiServer, type StartApiServerOptions } from './server.js';
export { openApiDocument } from './openapi.js';
export { SCHEDULER_PREFIX } from '../../../shared/contract.js';
export { MAX_BODY_BYTES, ownOrigins } from './security.js';
export { SETTINGS_PAGE_CSP } from './static-site.js';
