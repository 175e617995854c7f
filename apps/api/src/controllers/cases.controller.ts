import { Controller, Get, Header, HttpStatus, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CasesService, toPublicCase } from '@app/cases';
import { ApiErrors } from '../openapi/api-error';
import { ApiAcceptLanguage, ApiCaseSlug } from '../openapi/api-parameters';
import { PublicCaseBody } from '../openapi/case.responses';

@ApiTags('Cases')
@ApiAcceptLanguage()
@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @ApiOperation({
    summary: 'A case and its claim form',
    description:
      "The case's public facts (title, defendant, firm, dates, whether intake is open, the range of estimates) and what a claim must carry: " +
      'the questionnaire (question ids are the keys of `answers`), the consents (purposes are the keys of `consents.granted`, with their version) and the mandate (its version and hashes). ' +
      'Texts are in both languages. No guard; cacheable for 30 seconds.',
  })
  @ApiCaseSlug()
  @ApiResponse({
    status: HttpStatus.OK,
    type: PublicCaseBody,
    description: 'The case as published.',
    headers: { 'cache-control': { description: 'public, max-age=30', schema: { type: 'string' } } },
  })
  @ApiErrors({ 404: { description: 'No such case (`case.notFound`).', code: 'case.notFound' }, 503: '' })
  @Get(':slug')
  @Header('cache-control', 'public, max-age=30')
  async get(@Param('slug') slug: string) {
    return toPublicCase(await this.cases.getBySlug(slug));
  }
}
