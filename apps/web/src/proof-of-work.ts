import { type Challenge, encodePayload, solveChallenge } from './pow-solver';

/**
 * `<form data-pow data-pow-working="…" data-pow-failed="…">` with `<input type="hidden"
 * name="altcha">` and a `[data-pow-status]` (aria-live) element: on submit, while the field is
 * empty, fetch a challenge, solve it and submit again with the solution in the field. Without
 * the script the server asks for the check itself (request.proofOfWorkRequired).
 */
export function enhanceProofOfWork(root: ParentNode): void {
  const forms = Array.from(root.querySelectorAll<HTMLFormElement>('form[data-pow]'));
  for (const form of forms) {
    const field = form.querySelector<HTMLInputElement>('input[name="altcha"]');
    if (!field) continue;
    let working = false;
    form.addEventListener('submit', (event) => {
      // Another check (a bad file) already stopped this submit, or the proof is in place.
      if (event.defaultPrevented || field.value !== '') return;
      event.preventDefault();
      if (working) return;
      working = true;
      const submitter = (event as SubmitEvent).submitter ?? null;
      void prove(form, field).then((proved) => {
        working = false;
        if (proved) submitAgain(form, submitter);
      });
    });
  }
  // Back to a page from the cache: its solution was spent by the submit that left it.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    for (const form of forms) {
      const field = form.querySelector<HTMLInputElement>('input[name="altcha"]');
      if (field) field.value = '';
    }
  });
}

async function prove(form: HTMLFormElement, field: HTMLInputElement): Promise<boolean> {
  const status = form.querySelector<HTMLElement>('[data-pow-status]');
  const buttons = Array.from(form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button:not([type]), button[type="submit"], input[type="submit"]')).filter((b) => !b.disabled);
  const say = (text: string | undefined) => {
    if (status && text !== undefined) status.textContent = text;
  };
  for (const button of buttons) button.disabled = true;
  say(form.dataset.powWorking);
  try {
    const response = await fetch('/api/challenge', { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`challenge: ${response.status}`);
    const challenge = (await response.json()) as Challenge;
    if (typeof challenge?.parameters?.nonce !== 'string') throw new Error('challenge: unexpected shape');
    const solution = await solveChallenge(challenge, { parallel: Math.min(8, Math.max(2, navigator.hardwareConcurrency || 4)) });
    if (!solution) throw new Error('challenge: not solved in time');
    field.value = encodePayload(challenge, solution);
    say('');
    return true;
  } catch {
    say(form.dataset.powFailed);
    return false;
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

/** Submits as the person did (with the button they pressed); requestSubmit is missing before iOS 16. */
function submitAgain(form: HTMLFormElement, submitter: HTMLElement | null): void {
  if (typeof form.requestSubmit === 'function') {
    try {
      form.requestSubmit(submitter);
      return;
    } catch {
      // a submitter that is not this form's submit button: submit without it
    }
    form.requestSubmit();
  } else if (submitter) {
    submitter.click();
  } else {
    form.submit();
  }
}
