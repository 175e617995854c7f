/** Every word a claimant or a court may read exists in both languages. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** Fills `{name}` placeholders; unknown names stay as written so a typo shows instead of vanishing. */
export function fill(text: Bilingual, params: Record<string, string | number> | undefined): Bilingual {
  if (!params) return text;
  const put = (s: string) => s.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return { ko: put(text.ko), en: put(text.en) };
}
