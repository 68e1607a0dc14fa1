export const ANCHORING_QUEUE = 'anchoring';
export const MAINTENANCE_QUEUE = 'maintenance';
