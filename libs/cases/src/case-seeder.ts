import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import type { CaseDefinition } from './case-definition';
import { CaseVersions } from './case-versions.service';
import { DEMO_CASES, DEMO_FIRM, FirmSeed } from './demo-case';
import { FirmEntity } from './firm.entity';

/**
 * Writes a firm and its cases from their definition files, as that firm. Safe to run again: a
 * definition already saved is found by its hash, and one already active is left alone; an
 * edited file becomes the next version and is activated (which re-scores the case's claims).
 */
@Injectable()
export class CaseSeeder {
  constructor(
    private readonly scope: FirmScope,
    private readonly versions: CaseVersions,
  ) {}

  async seed(firm: FirmSeed, cases: { id: string; definition: CaseDefinition }[]): Promise<{ slug: string; version: number }[]> {
    await this.scope.run(firm.id, (tx) => tx.manager.upsert(FirmEntity, firm, ['id']));
    const out = [];
    for (const { id, definition } of cases) {
      await this.versions.ensureCase(firm.id, id, definition);
      const saved = await this.versions.save(definition.slug, definition, 'seed');
      await this.versions.activate(definition.slug, saved.version, 'seed', 'demo definition file');
      out.push({ slug: definition.slug, version: saved.version });
    }
    return out;
  }

  seedDemo(): Promise<{ slug: string; version: number }[]> {
    return this.seed(DEMO_FIRM, DEMO_CASES);
  }
}
