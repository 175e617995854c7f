import type { StaffRole } from '@app/staff';

export const ROLES: StaffRole[] = ['admin', 'attorney', 'paralegal', 'auditor'];
const REVIEWERS: StaffRole[] = ['attorney', 'paralegal'];

/**
 * Who may use each console route, written out here by hand as the roles say, not read
 * from the code under test. `public` routes answer without a session (sign-in, invitations).
 * The authorisation matrix test reads the list of routes from the application: a staff route
 * missing from this table fails it, so no new route escapes it. The bad-input test uses the
 * table to pick a role that may use each route.
 */
export const ACCESS: Record<string, StaffRole[] | 'public'> = {
  'GET /staff': 'public',
  'GET /staff/sign-in': 'public',
  'POST /staff/sign-in': 'public',
  'GET /staff/sign-in/code': 'public',
  'POST /staff/sign-in/code': 'public',
  'GET /staff/invitation': 'public',
  'POST /staff/invitation': 'public',
  'GET /staff/enrol': 'public',
  'POST /staff/enrol': 'public',
  'POST /staff/sign-out': ROLES,
  'POST /staff/sign-out-everywhere': ROLES,
  'GET /staff/accounts': ['admin'],
  'POST /staff/accounts': ['admin'],
  'POST /staff/accounts/:id/role': ['admin'],
  'POST /staff/accounts/:id/reset': ['admin'],
  'POST /staff/accounts/:id/disable': ['admin'],
  'GET /staff/claims': REVIEWERS,
  'GET /staff/claims/:id': REVIEWERS,
  'GET /staff/claims/:id/evidence/:fileId/:which': REVIEWERS,
  'POST /staff/claims/:id/approve': ['attorney'],
  'POST /staff/claims/:id/reject': ['attorney'],
  'POST /staff/claims/:id/override': ['attorney'],
  'POST /staff/claims/:id/request-information': REVIEWERS,
  'POST /staff/claims/:id/assign': REVIEWERS,
  'POST /staff/claims/:id/resolve-flags': REVIEWERS,
  'POST /staff/claims/:id/notes': REVIEWERS,
  'GET /staff/claims/bulk': REVIEWERS,
  'POST /staff/claims/bulk': REVIEWERS,
  'GET /staff/claims/bulk/:jobId': REVIEWERS,
  'GET /staff/cases': ['admin'],
  'GET /staff/cases/:slug': ['admin'],
  'GET /staff/cases/:slug/previews/:id': ['admin'],
  'GET /staff/cases/:slug/versions/:version/activate': ['admin'],
  'GET /staff/cases/:slug/versions/:version/definition': ['admin'],
  'POST /staff/cases/:slug/versions': ['admin'],
  'POST /staff/cases/:slug/versions/:version/preview': ['admin'],
  'POST /staff/cases/:slug/versions/:version/activate': ['admin'],
  'GET /staff/dashboard': ['admin', 'attorney', 'paralegal'],
  'GET /staff/dashboard/weekly': ['admin', 'attorney', 'paralegal'],
  'POST /staff/dashboard/weekly/download': ['admin', 'attorney', 'paralegal'],
  'GET /staff/access-log': ['auditor'],
  'POST /staff/access-log/download': ['auditor'],
  'POST /staff/access-log/reviews': ['auditor'],
  'POST /staff/access-log/verify': ['auditor'],
  'GET /api/staff/claims': REVIEWERS,
  'GET /api/staff/claims/:id': REVIEWERS,
  'POST /api/staff/claims/:id/decisions': REVIEWERS,
  'GET /staff/batches': REVIEWERS,
  'POST /staff/batches': ['attorney'],
  'GET /staff/batches/:id': REVIEWERS,
  'POST /staff/batches/:id/add': ['attorney'],
  'POST /staff/batches/:id/claims/:claimId/remove': ['attorney'],
  'POST /staff/batches/:id/lock': ['attorney'],
  'POST /staff/batches/:id/file': ['attorney'],
  'GET /staff/batches/:id/export/:kind': ['attorney'],
  'POST /staff/batches/:id/export/:kind': ['attorney'],
  'GET /staff/batches/claims/:claimId/proof-pack': ['attorney'],
  'POST /staff/batches/claims/:claimId/proof-pack': ['attorney'],
  'GET /api/staff/batches': REVIEWERS,
  'GET /api/staff/batches/:id': REVIEWERS,
  'POST /api/staff/batches': ['attorney'],
  'POST /api/staff/batches/:id/add': ['attorney'],
  'POST /api/staff/batches/:id/lock': ['attorney'],
  'POST /api/staff/batches/:id/file': ['attorney'],
};

/** Routes that end the session they are called with: each gets a session of its own, last. */
export const ENDS_SESSION = new Set(['POST /staff/sign-out', 'POST /staff/sign-out-everywhere']);
