export const API_ROLES = ['passweb', 'auditor', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];
