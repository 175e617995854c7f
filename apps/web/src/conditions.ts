// The server's own JsonLogic, with its extra operations: the page shows a question exactly when
// the server's isShown() would ask it.
import { evaluate, truthy } from '../../../libs/eligibility/src/logic';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;
interface Conditional {
  element: HTMLElement;
  logic: unknown;
}

/**
 * `[data-show-if]` holds JsonLogic over `{ answers }`, read from the enclosing form's controls
 * named `q.<questionId>`. A hidden element's controls are disabled, so nothing hidden is sent;
 * the server still decides which answers count. Without the script every question shows.
 */
export function enhanceConditions(root: ParentNode): void {
  const byForm = new Map<HTMLFormElement, Conditional[]>();
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('[data-show-if]'))) {
    const form = element.closest('form');
    if (!form) continue;
    let logic: unknown;
    try {
      logic = JSON.parse(element.dataset.showIf ?? '');
    } catch {
      continue; // unreadable: left shown
    }
    byForm.set(form, [...(byForm.get(form) ?? []), { element, logic }]);
  }
  for (const [form, conditionals] of byForm) {
    // Controls the page disabled itself stay disabled whatever the answers.
    const disabledByPage = new Set(conditionals.flatMap(({ element }) => controlsIn(element).filter((c) => c.disabled)));
    const update = () => apply(form, conditionals, disabledByPage);
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  }
}

function apply(form: HTMLFormElement, conditionals: Conditional[], disabledByPage: Set<Control>): void {
  // A question hidden now may hide the ones that depend on it: repeat until nothing changes.
  for (let round = 0; round <= conditionals.length; round++) {
    const answers = readAnswers(form);
    let changed = false;
    for (const { element, logic } of conditionals) {
      const show = shows(logic, answers);
      if (element.hidden === show) {
        element.hidden = !show;
        changed = true;
      }
    }
    for (const { element } of conditionals) {
      for (const control of controlsIn(element)) control.disabled = disabledByPage.has(control) || insideHidden(control);
    }
    if (!changed) return;
  }
}

function shows(logic: unknown, answers: Record<string, unknown>): boolean {
  try {
    return truthy(evaluate(logic, { answers }));
  } catch {
    return true; // a condition that cannot be evaluated hides nothing
  }
}

/** The answers as the server reads them: yes/no as booleans, checkboxes as lists, empty text as unanswered. */
export function readAnswers(form: HTMLFormElement): Record<string, unknown> {
  const answers: Record<string, unknown> = Object.create(null);
  for (const control of Array.from(form.elements)) {
    if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) continue;
    if (!control.name.startsWith('q.') || control.matches(':disabled')) continue;
    const id = control.name.slice(2);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      const list = Array.isArray(answers[id]) ? (answers[id] as string[]) : (answers[id] = []);
      if (control.checked) (list as string[]).push(control.value);
    } else if (control instanceof HTMLInputElement && control.type === 'radio') {
      if (control.checked) answers[id] = control.closest('[data-type="yes_no"]') ? yesNo(control.value) : control.value;
    } else if (control instanceof HTMLInputElement && control.type === 'file') {
      continue;
    } else if (control.value !== '') {
      answers[id] = control.value;
    }
  }
  return answers;
}

function yesNo(value: string): boolean | string {
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  return value;
}

function controlsIn(element: HTMLElement): Control[] {
  const inside = Array.from(element.querySelectorAll<Control>('input, select, textarea, button'));
  return element.matches('input, select, textarea, button') ? [element as Control, ...inside] : inside;
}

function insideHidden(control: Element): boolean {
  for (let node = control.closest<HTMLElement>('[data-show-if]'); node; node = node.parentElement?.closest<HTMLElement>('[data-show-if]') ?? null) {
    if (node.hidden) return true;
  }
  return false;
}
