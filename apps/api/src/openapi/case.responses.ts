import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEMO_DEFINITION } from '@app/cases';
import { QUESTION_TYPES } from '@app/eligibility';
import { BilingualText } from './bilingual-text';

const QUESTION = DEMO_DEFINITION.questionnaire.questions[0];

export class QuestionOptionBody {
  @ApiProperty({ description: 'What the answer carries for this option.', example: QUESTION.options?.[0]?.value })
  value: string;

  @ApiProperty({ type: () => BilingualText })
  label: BilingualText;
}

export class QuestionBody {
  @ApiProperty({ description: 'The key of its answer in `answers`.', example: QUESTION.id })
  id: string;

  @ApiProperty({
    description: 'yes_no: a boolean; single_choice: one option value; multiple_choice: a list of option values; date: YYYY-MM-DD; short_text: a string.',
    enum: QUESTION_TYPES,
    example: QUESTION.type,
  })
  type: string;

  @ApiProperty({ type: () => BilingualText })
  text: BilingualText;

  @ApiPropertyOptional({ type: () => BilingualText })
  help?: BilingualText;

  @ApiPropertyOptional({ description: 'Default true: a shown question must be answered.' })
  required?: boolean;

  @ApiPropertyOptional({ type: () => [QuestionOptionBody] })
  options?: QuestionOptionBody[];

  @ApiPropertyOptional({ description: 'multiple_choice: fewest options.' })
  minItems?: number;

  @ApiPropertyOptional({ description: 'multiple_choice: most options.' })
  maxItems?: number;

  @ApiPropertyOptional({ description: 'date: earliest, YYYY-MM-DD or "today" (in Seoul).' })
  minDate?: string;

  @ApiPropertyOptional({ description: 'date: latest, YYYY-MM-DD or "today" (in Seoul).' })
  maxDate?: string;

  @ApiPropertyOptional({ description: 'short_text: longest answer (200 by default).' })
  maxLength?: number;

  @ApiPropertyOptional({
    description: 'JsonLogic over `{ answers }`: the question is asked (and must be answered) only when it holds; otherwise its answer must be left out.',
    type: 'object',
    additionalProperties: true,
    example: { '==': [{ var: 'answers.secondaryHarm' }, true] },
  })
  showIf?: Record<string, unknown>;
}

export class QuestionnaireBody {
  @ApiProperty({ example: DEMO_DEFINITION.questionnaire.version })
  version: string;

  @ApiProperty({ type: () => [QuestionBody] })
  questions: QuestionBody[];
}

export class CaseFirmBody {
  @ApiProperty({ type: () => BilingualText })
  name: BilingualText;

  @ApiProperty({ example: '서울지방변호사회 제2025-0421호' })
  registrationNo: string;
}

export class CaseDatesBody {
  @ApiProperty({ format: 'date', example: DEMO_DEFINITION.facts.incidentDisclosedOn })
  incidentDisclosedOn: string;

  @ApiProperty({ format: 'date-time' })
  intakeOpensAt: string;

  @ApiProperty({ format: 'date-time' })
  intakeClosesAt: string;

  @ApiProperty({ example: DEMO_DEFINITION.limitationYears })
  limitationYears: number;
}

export class CaseDamagesBody {
  @ApiProperty({ description: 'The smallest estimate the damage model gives, in won.', example: DEMO_DEFINITION.damages.minWon })
  minWon: number;

  @ApiProperty({ description: 'The largest estimate, in won.', example: DEMO_DEFINITION.damages.maxWon })
  maxWon: number;

  @ApiProperty({ example: DEMO_DEFINITION.damages.version })
  modelVersion: string;
}

export class ConsentItemBody {
  @ApiProperty({ description: 'The key of this consent in `consents.granted`.', example: DEMO_DEFINITION.consents.items[0].purpose })
  purpose: string;

  @ApiProperty({ description: 'A claim is refused unless it grants this one.', example: DEMO_DEFINITION.consents.items[0].required })
  required: boolean;

  @ApiProperty({ type: () => BilingualText })
  text: BilingualText;
}

export class CaseConsentsBody {
  @ApiProperty({ description: 'Sent back as `consents.version`.', example: DEMO_DEFINITION.consents.version })
  version: string;

  @ApiProperty({ type: () => [ConsentItemBody] })
  items: ConsentItemBody[];
}

export class MandateHashesBody {
  @ApiProperty({ description: 'SHA-256 (hex) of the Korean text.' })
  ko: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the English text.' })
  en: string;
}

export class CaseMandateBody {
  @ApiProperty({ description: 'Sent back as `signature.mandateVersion`.', example: DEMO_DEFINITION.mandate.version })
  version: string;

  @ApiProperty({ type: () => MandateHashesBody, description: 'The hashes recorded with every signature.' })
  sha256: MandateHashesBody;

  @ApiProperty({ type: () => BilingualText })
  text: BilingualText;
}

/** A case's public facts and the form a claim must fill in (libs/cases/src/public-case.view.ts). */
export class PublicCaseBody {
  @ApiProperty({ example: DEMO_DEFINITION.slug })
  slug: string;

  @ApiProperty({ description: 'The active version of the case definition.', example: 1 })
  version: number;

  @ApiProperty({ type: () => BilingualText })
  title: BilingualText;

  @ApiProperty({ type: () => BilingualText })
  summary: BilingualText;

  @ApiProperty({ type: () => BilingualText })
  defendant: BilingualText;

  @ApiProperty({ type: () => CaseFirmBody, description: 'The law firm that runs the case.' })
  firm: CaseFirmBody;

  @ApiProperty({ type: () => CaseDatesBody })
  dates: CaseDatesBody;

  @ApiProperty({ description: 'Whether claims are taken now.' })
  intakeOpen: boolean;

  @ApiProperty({ type: () => QuestionnaireBody, description: 'The questions whose ids are the keys of a claim\'s `answers`.' })
  questionnaire: QuestionnaireBody;

  @ApiProperty({ type: () => CaseDamagesBody })
  damages: CaseDamagesBody;

  @ApiProperty({ type: () => CaseConsentsBody, description: 'The consents whose purposes are the keys of a claim\'s `consents.granted`.' })
  consents: CaseConsentsBody;

  @ApiProperty({ type: () => CaseMandateBody, description: 'The mandate the claimant signs.' })
  mandate: CaseMandateBody;
}
