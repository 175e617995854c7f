/**
 * What each staff member may do. An admin runs accounts and cases; an attorney decides,
 * overrides estimates and files batches; a paralegal reviews, asks for information and writes
 * notes; an auditor reads the access log and nothing else.
 */
export const STAFF_ROLES = ['admin', 'attorney', 'paralegal', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** The one signed-in staff member a request acts for: their firm bounds everything they see. */
export interface StaffPrincipal {
  staffId: string;
  firmId: string;
  role: StaffRole;
  sessionId: string;
}
