// The public surface of libs/erasure: other libraries and apps import only this file, as '#sigillo/erasure'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { ErasureAnswer } from './erasure.service.js';
export { ErasedStoriesRepository } from './erased-stories.repository.js';
export { ErasureModule } from './erasure.module.js';
export { ErasureService } from './erasure.service.js';
