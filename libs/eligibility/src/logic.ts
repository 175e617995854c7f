import * as jsonLogic from 'json-logic-js';
import { addYears, yearsBetween } from './dates';

/**
 * Conditions in a case definition are JsonLogic (jsonlogic.com), a published, well-kept format
 * that counsel's tools can read and that evaluates without running code from the document.
 * We add two date operations the rules need; everything else is JsonLogic as documented.
 */
export type Logic = unknown;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v);

jsonLogic.add_operation('add_years', (date: unknown, years: unknown) =>
  isDate(date) && Number.isInteger(years) ? addYears(date, years as number) : null,
);
jsonLogic.add_operation('years_between', (from: unknown, to: unknown) => (isDate(from) && isDate(to) ? yearsBetween(from, to) : null));

/**
 * The operations a definition may use. Data access (`var`, `missing`) and plain logic, no
 * string building or method calls: a rule says what it checks, nothing more.
 */
export const OPERATIONS = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'all', 'some', 'none', 'add_years', 'years_between',
]);

export function evaluate(logic: Logic, data: object): unknown {
  return jsonLogic.apply(logic as jsonLogic.RulesLogic, data);
}

/** JsonLogic's truthiness (an empty array is false), so `passes` means what the format says. */
export function truthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

export interface LogicShape {
  /** Every `var` path read, e.g. "answers.noticeReceived". */
  vars: string[];
  /** Operators the definition may not use. */
  unknownOperators: string[];
  /** Literals compared with a var by ==, !=, === or !== and the members of `in` lists next to it. */
  comparisons: { path: string; literal: unknown }[];
}

/** Walks a condition once, without evaluating it. */
export function inspect(logic: Logic): LogicShape {
  const shape: LogicShape = { vars: [], unknownOperators: [], comparisons: [] };
  const varPath = (node: unknown): string | null => {
    if (!isOperation(node) || Object.keys(node)[0] !== 'var') return null;
    const arg = (node as { var: unknown }).var;
    const path = Array.isArray(arg) ? arg[0] : arg;
    return typeof path === 'string' ? path : typeof path === 'number' ? String(path) : null;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isOperation(node)) return;
    const [op] = Object.keys(node);
    const args = (node as Record<string, unknown>)[op];
    if (!OPERATIONS.has(op)) shape.unknownOperators.push(op);
    if (op === 'var') {
      const path = varPath(node);
      if (path !== null) shape.vars.push(path);
      return;
    }
    const list = Array.isArray(args) ? args : [args];
    if (['==', '!=', '===', '!=='].includes(op) && list.length === 2) {
      const [a, b] = list;
      const path = varPath(a) ?? varPath(b);
      const other = varPath(a) ? b : a;
      if (path && !isOperation(other) && !Array.isArray(other)) shape.comparisons.push({ path, literal: other });
    }
    if (op === 'in' && list.length === 2) {
      // {"in": [{"var": x}, [a, b]]}: x is one of a, b.  {"in": [a, {"var": x}]}: the list x holds a.
      const path = varPath(list[0]);
      if (path && Array.isArray(list[1])) for (const literal of list[1] as unknown[]) shape.comparisons.push({ path, literal });
      const listPath = varPath(list[1]);
      if (listPath && !isOperation(list[0]) && !Array.isArray(list[0])) shape.comparisons.push({ path: listPath, literal: list[0] });
    }
    list.forEach(walk);
  };
  walk(logic);
  return shape;
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}
