import type { DecisionProblem, DecisionRequest } from './decisions';

const KINDS = ['approve', 'reject', 'request_information', 'override_estimate', 'assign', 'resolve_flags'] as const;

/**
 * A decision as the JSON API takes it ({ kind, ...its fields }), checked for shape: every
 * problem named by field, nothing coerced. The case-dependent checks (items, bounds, the
 * deadline's window) are decisionProblems', after this. Pure.
 */
export function parseDecisionBody(body: unknown): { request: DecisionRequest | null; problems: DecisionProblem[] } {
  const problems: DecisionProblem[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { request: null, problems: [{ field: 'kind', code: 'isDefined' }] };
  const b = body as Record<string, unknown>;
  const known = new Set(['kind', 'reason', 'code', 'items', 'cureBy', 'amountWon', 'assigneeId']);
  for (const key of Object.keys(b)) if (!known.has(key)) problems.push({ field: key, code: 'whitelistValidation' });
  const text = (name: string, required: boolean): string | null => {
    const value = b[name];
    if (value === undefined || value === null) {
      if (required) problems.push({ field: name, code: 'isDefined' });
      return null;
    }
    if (typeof value !== 'string') {
      problems.push({ field: name, code: 'isString' });
      return null;
    }
    return value;
  };
  const kind = b.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    problems.push({ field: 'kind', code: kind === undefined ? 'isDefined' : 'isIn' });
    return { request: null, problems };
  }
  const reason = text('reason', false);
  let request: DecisionRequest | null = null;
  switch (kind as (typeof KINDS)[number]) {
    case 'approve':
      request = { kind: 'approve', reason };
      break;
    case 'resolve_flags':
      request = { kind: 'resolve_flags', reason };
      break;
    case 'reject':
      request = { kind: 'reject', code: text('code', true) ?? '', reason };
      break;
    case 'request_information': {
      const items = b.items;
      const list = Array.isArray(items) && items.every((i) => typeof i === 'string') ? (items as string[]) : null;
      if (!list) problems.push({ field: 'items', code: items === undefined ? 'isDefined' : 'isArray' });
      else if (list.length > 50) problems.push({ field: 'items', code: 'arrayMaxSize' });
      request = { kind: 'request_information', items: list ?? [], cureBy: text('cureBy', true) ?? '', reason };
      break;
    }
    case 'override_estimate': {
      const amount = b.amountWon;
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) problems.push({ field: 'amountWon', code: amount === undefined ? 'isDefined' : 'isInt' });
      request = { kind: 'override_estimate', amountWon: typeof amount === 'number' ? amount : Number.NaN, reason: text('reason', true) ?? '' };
      break;
    }
    case 'assign': {
      const assignee = b.assigneeId;
      if (assignee !== null && typeof assignee !== 'string') problems.push({ field: 'assigneeId', code: assignee === undefined ? 'isDefined' : 'isString' });
      request = { kind: 'assign', assigneeId: typeof assignee === 'string' ? assignee : null };
      break;
    }
  }
  return { request: problems.length ? null : request, problems };
}
