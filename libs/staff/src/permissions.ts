import type { StaffRole } from './roles';

/**
 * What each role may do, the one table the guard and the authorisation-matrix test read. Least
 * privilege: an admin runs accounts and cases but reads no claimant's details; an auditor reads
 * the access log and nothing else; only an attorney decides, overrides and files.
 */
export const PERMISSIONS = {
  /** The review queue, a claim's file (its personal data, through the one door), its evidence. */
  'claims.read': ['attorney', 'paralegal'],
  /** Assign, request information, write notes. */
  'claims.review': ['attorney', 'paralegal'],
  /** Approve, reject, override an estimate, bulk decisions. */
  'claims.decide': ['attorney'],
  /** See batches and their contents. */
  'batches.read': ['attorney', 'paralegal'],
  /** Build, lock, file and export batches. */
  'batches.manage': ['attorney'],
  /** Counts and sums, no one's details. */
  'dashboard.read': ['admin', 'attorney', 'paralegal'],
  /** Staff accounts: invite, change a role, disable. */
  'accounts.manage': ['admin'],
  /** A case's versions: upload, preview, activate. */
  'cases.manage': ['admin'],
  /** The access log, its chain's verification, the monthly review. */
  'accessLog.read': ['auditor'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function allows(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Where a role lands after signing in: the first page it may open. */
export function homeOf(role: StaffRole): string {
  switch (role) {
    case 'attorney':
    case 'paralegal':
      return '/staff/claims';
    case 'admin':
      return '/staff/accounts';
    case 'auditor':
      return '/staff/access-log';
  }
}
