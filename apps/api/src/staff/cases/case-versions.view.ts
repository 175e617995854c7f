import { type CaseDefinition, notAnObject, type SavedVersionSummary } from '@app/cases';
import type { DefinitionProblem } from '@app/eligibility';
import type { Locale } from '@app/http';

export interface ProblemGroup {
  part: string;
  problems: { item: string; message: string }[];
}

/** Problems grouped by the part they are in, parts in the order first met (the checker's order), each message in the page's language. */
export function groupProblems(problems: DefinitionProblem[], locale: Locale): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    let group = groups.get(p.part);
    if (!group) groups.set(p.part, (group = { part: p.part, problems: [] }));
    group.problems.push({ item: p.item, message: p.message[locale] });
  }
  return [...groups.values()];
}

/** The uploaded text as a definition, or the problem that it is not one (reported like the checker's). */
export function parseDefinition(text: string): { definition: CaseDefinition } | { problems: DefinitionProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The parser's own words, as the engine wrote them, in both languages.
    const detail = error instanceof Error ? error.message : String(error);
    return { problems: [{ part: 'case', item: 'definition', message: { ko: `JSON 형식이 아닙니다: ${detail}`, en: `not valid JSON: ${detail}` } }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: [notAnObject()] };
  return { definition: value as CaseDefinition };
}

/** A saved version as the case page's table shows it. */
export function versionView(v: SavedVersionSummary, names: Map<string, string>, locale: Locale) {
  // Console saves record "staff:<id>"; the command line "cli:<user>", the seeder its own name.
  const staffId = v.createdBy.startsWith('staff:') ? v.createdBy.slice(6) : null;
  return {
    version: v.version,
    shaPrefix: v.sha256.slice(0, 12),
    sha256: v.sha256,
    savedBy: staffId ? (names.get(staffId) ?? v.createdBy) : v.createdBy,
    savedAt: new Date(v.createdAt.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
    active: v.active,
    title: v.title?.[locale] ?? '',
    parts: [v.parts.questionnaire, v.parts.rules, v.parts.damages],
  };
}
