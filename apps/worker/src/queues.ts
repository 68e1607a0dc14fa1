export const ANCHORING_QUEUE = 'anchoring';
