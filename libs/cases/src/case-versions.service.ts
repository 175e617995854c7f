import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { FirmScope } from '@app/database';
import type { DefinitionProblem } from '@app/eligibility';
import { ApiException } from '@app/http';
import { OutboxService } from '@app/queue';
import { canonicalJson, type CaseDefinition, checkAgainstHistory, checkDefinition } from './case-definition';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/** Written on every activation; the claimants module re-scores the case's claims from it. */
export const CASE_ACTIVATED = 'case.activated';

/**
 * Refused with every problem; each message is { ko, en }. The console shows them in the page's
 * language and the command line prints the English; a JSON answer built from this carries both.
 */
export class DefinitionRejected extends ApiException {
  constructor(readonly problems: DefinitionProblem[]) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'case.definitionRejected', [], { problems });
  }
}

export interface SavedVersion {
  version: number;
  sha256: string;
  /** False when the same document was already saved (saving is idempotent). */
  created: boolean;
}

export interface Activation {
  activationId: string | null;
  fromVersion: number | null;
  toVersion: number;
}

/**
 * Saving and activating case versions. Saving checks everything and refuses with every problem
 * found, leaving the case as it was; activating switches the version in force and records who did
 * it, in one transaction with the outbox row that starts the re-scoring.
 */
@Injectable()
export class CaseVersions {
  constructor(
    private readonly scope: FirmScope,
    private readonly repository: CasesRepository,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
  ) {}

  async save(caseSlug: string, definition: unknown, actor: string): Promise<SavedVersion> {
    const kase = await this.caseBySlug(caseSlug);
    const problems = checkDefinition(definition as CaseDefinition);
    if (problems.length) throw new DefinitionRejected(problems);
    const def = definition as CaseDefinition;
    if (def.slug !== caseSlug) {
      const message = { ko: `이 문서는 "${caseSlug}" 사건이 아니라 "${def.slug}" 사건의 정의입니다.`, en: `the document is for "${def.slug}", not "${caseSlug}"` };
      throw new DefinitionRejected([{ part: 'case', item: 'slug', message }]);
    }
    const sha = createHash('sha256').update(canonicalJson(def)).digest();
    return this.scope.run(kase.firmId, async (tx) => {
      await this.repository.lockCase(tx, kase.id);
      const earlier = await this.repository.definitions(tx, kase.id);
      const same = earlier.find((v) => v.sha256.equals(sha));
      if (same) return { version: same.version, sha256: sha.toString('hex'), created: false };
      const clashes = checkAgainstHistory(def, earlier.map((v) => v.definition));
      if (clashes.length) throw new DefinitionRejected(clashes);
      const version = (earlier.at(-1)?.version ?? 0) + 1;
      // Stored as it was checked: key order normalised, nothing added.
      await this.repository.insertVersion(tx, { caseId: kase.id, version, definition: JSON.parse(canonicalJson(def)) as CaseDefinition, sha256: sha, createdBy: actor });
      return { version, sha256: sha.toString('hex'), created: true };
    });
  }

  async activate(caseSlug: string, version: number, actor: string, reason: string | null = null): Promise<Activation> {
    const kase = await this.caseBySlug(caseSlug);
    const result = await this.scope.run(kase.firmId, async (tx) => {
      const locked = (await this.repository.lockCase(tx, kase.id))!;
      if (locked.activeVersion === version) return { activationId: null, fromVersion: version, toVersion: version };
      const row = await this.repository.findVersion(kase.id, version);
      if (!row) throw new ApiException(HttpStatus.NOT_FOUND, 'case.versionNotFound');
      const activationId = uuidv7();
      await this.repository.activate(tx, locked, row.definition, { id: activationId, fromVersion: locked.activeVersion, toVersion: version, actor, reason });
      // A case's first version has no claims to re-score: nothing was taken before it.
      if (locked.activeVersion !== null) await this.outbox.enqueue(tx, [{ topic: CASE_ACTIVATED, aggregateId: activationId }]);
      return { activationId, fromVersion: locked.activeVersion, toVersion: version };
    });
    this.cases.forgetActive();
    return result;
  }

  /** An activation of a firm's case, with the definitions it switched between. */
  async activation(firmId: string, id: string): Promise<{ caseId: string; fromVersion: number | null; toVersion: number; from: CaseDefinition | null; to: CaseDefinition } | null> {
    const row = await this.scope.run(firmId, (tx) => this.repository.findActivation(tx, id));
    if (!row) return null;
    const to = await this.cases.definitionAt(row.caseId, row.toVersion);
    const from = row.fromVersion === null ? null : await this.cases.definitionAt(row.caseId, row.fromVersion);
    return to ? { caseId: row.caseId, fromVersion: row.fromVersion, toVersion: row.toVersion, from, to } : null;
  }

  /** Creates the case row on first use (identity and intake window; nothing active yet). */
  async ensureCase(firmId: string, caseId: string, def: CaseDefinition): Promise<void> {
    await this.scope.run(firmId, (tx) => this.repository.insertCaseIfAbsent(tx, { id: caseId, slug: def.slug, claimPrefix: def.claimPrefix, intakeOpensAt: new Date(def.intake.opensAt), intakeClosesAt: new Date(def.intake.closesAt) }));
  }

  private async caseBySlug(slug: string) {
    const found = /^[a-z0-9-]{2,60}$/.test(slug) ? await this.repository.findCase({ slug }) : null;
    if (!found) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return found;
  }
}
