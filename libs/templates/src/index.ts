// The public surface of libs/templates: other libraries and apps import only this file, as '#sigillo/templates'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { Binding } from './binding.js';
export { CatalogService } from './catalog.service.js';
export { TemplatesModule } from './templates.module.js';
export { renderParameters } from './render.js';
export { fillText, previewBinding, type RenderedMessage } from './preview.js';
export { TemplateChangesService } from './template-changes.service.js';
