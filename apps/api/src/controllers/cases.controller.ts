import { Controller, Get, Header, Param } from '@nestjs/common';
import { CasesService, toPublicCase } from '@app/cases';

@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get(':slug')
  @Header('cache-control', 'public, max-age=30')
  async get(@Param('slug') slug: string) {
    return toPublicCase(await this.cases.getBySlug(slug));
  }
}
