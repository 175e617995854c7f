/**
 * `input[type=file][data-max-bytes]` with `data-accept` (MIME types, comma separated) and the
 * messages `data-msg-empty`, `data-msg-too-large`, `data-msg-type`: a chosen file that is empty,
 * too large or of another type is named at once, in the element the input's aria-describedby
 * names (its `.error` one, if it names several), and the form is not sent until a good file is
 * chosen. Saves a phone a 10 MB upload the server would refuse; the server still decides.
 */
export function enhanceFileInputs(root: ParentNode): void {
  const invalid = new Set<HTMLInputElement>();
  const forms = new Set<HTMLFormElement>();
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input[type="file"][data-max-bytes]'))) {
    input.addEventListener('change', () => {
      const problem = problemWith(input);
      if (problem === null) invalid.delete(input);
      else invalid.add(input);
      show(input, problem);
    });
    if (input.form) forms.add(input.form);
  }
  for (const form of forms) {
    // Capturing, so it runs before the proof-of-work handler, which skips a prevented submit.
    form.addEventListener(
      'submit',
      (event) => {
        const bad = Array.from(invalid).find((input) => input.form === form && !input.disabled);
        if (!bad) return;
        event.preventDefault();
        bad.focus();
      },
      true,
    );
  }
}

/** The message for the first chosen file that will not do, or null. A file without a type is left to the server. */
function problemWith(input: HTMLInputElement): string | null {
  const max = Number(input.dataset.maxBytes);
  const accepted = (input.dataset.accept ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const file of Array.from(input.files ?? [])) {
    if (file.size === 0) return input.dataset.msgEmpty ?? '';
    if (Number.isFinite(max) && file.size > max) return input.dataset.msgTooLarge ?? '';
    if (accepted.length > 0 && file.type !== '' && !accepted.includes(file.type.toLowerCase())) return input.dataset.msgType ?? '';
  }
  return null;
}

function show(input: HTMLInputElement, problem: string | null): void {
  if (problem === null) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
  const target = messageElement(input);
  if (!target) return;
  target.textContent = problem ?? '';
  target.hidden = problem === null;
}

function messageElement(input: HTMLInputElement): HTMLElement | null {
  const named = (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => el !== null);
  return named.find((el) => el.classList.contains('error')) ?? (named.length === 1 ? named[0] : null);
}
