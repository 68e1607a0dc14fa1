// The public surface of libs/observability: other libraries and apps import only this file, as '#sigillo/observability'.
// <public surface: other libraries and apps import these; keep sorted by file>
export { EventMetrics } from './event-metrics.js';
export { MetricsModule } from './metrics.module.js';
export { MetricsRegistry } from './metrics-registry.js';
export { loggingModule, REQUEST_ID_KEY, routeOf } from './logging.js';
