import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { BatchMembers, type MemberCursor, ProofRecords } from '@app/claimants';
import { FirmScope } from '@app/database';
import { batchNotFound, claimNotFound } from './batch-errors';
import { type Download, drained, HashingStream } from './download';
import { ExportRecordsRepository } from './export-records.repository';
import { FilingBatchesRepository } from './filing-batches.repository';
import { exportReason } from './filing-input';
import { mandatePdf } from './mandate-pdf';
import { batchFileName } from './plaintiff-list';
import { auditJson, consentJson, evidenceJson, folderOf, identityJson, json } from './proof-pack-files';

export interface ExportProofPackCommand {
  firmId: string;
  staffId: string;
  ip: string | null;
  /** The whole batch, or one claim (of the batch or any signed claim of the firm). */
  batchId: string | null;
  claimId: string | null;
  reason: unknown;
}

/** Plaintiffs opened at a time: small, so memory stays flat however many the batch holds. */
const PAGE = 20;

/**
 * A proof-of-mandate pack, streamed as a ZIP: a folder per plaintiff with mandate.pdf, consent.json,
 * identity.json, evidence.json and audit.json, and at the root a manifest.json with the SHA-256 of
 * every file. Plaintiffs are read and opened a page at a time (each page's access logged first),
 * and each entry is handed to the archive only once the one before has gone out, so a slow
 * download holds back the reading rather than filling memory.
 */
@Injectable()
export class ExportProofPack {
  private readonly logger = new Logger(ExportProofPack.name);

  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly records: ExportRecordsRepository,
    private readonly members: BatchMembers,
    private readonly proofs: ProofRecords,
  ) {}

  async start(command: ExportProofPackCommand): Promise<Download & { exportId: string }> {
    const reason = exportReason(command.reason);
    const found = await this.scope.run(command.firmId, async (tx) => {
      const batch = command.batchId ? await this.batches.find(tx, command.batchId) : null;
      const signed = command.claimId ? await this.members.isSigned(tx, command.claimId) : false;
      return { batch, signed };
    });
    if (command.batchId && !found.batch) throw batchNotFound();
    if (command.claimId && !found.signed) throw claimNotFound();
    const exportId = randomUUID();
    await this.records.start(command.firmId, { id: exportId, staffId: command.staffId, kind: 'proof-pack', batchId: command.batchId, claimId: command.claimId, reason });
    const accessor = { kind: 'staff' as const, staffId: command.staffId, ip: command.ip, reason };
    const out = new HashingStream();
    const ids = command.claimId ? single(command.claimId) : this.batchIds(command.firmId, command.batchId!);
    this.produce(command.firmId, accessor, ids, out, { batch: found.batch ? { id: found.batch.id, number: found.batch.number, name: found.batch.name, listSha256: found.batch.listSha256 } : null, claimId: command.claimId })
      .then((rows) => this.records.finish(command.firmId, exportId, rows, out.digest()))
      .catch((error: unknown) => {
        this.logger.warn(`proof pack ${exportId} stopped: ${(error as Error).message}`);
        if (!out.destroyed) out.destroy(error as Error);
      });
    const b = found.batch;
    return {
      exportId,
      fileName: b && !command.claimId ? batchFileName('위임증빙', b.caseSlug, b.number, b.name, 'zip') : `위임증빙_${command.claimId}.zip`,
      asciiName: b && !command.claimId ? `proof-pack_${b.caseSlug}_${b.number}.zip` : `proof-pack_${command.claimId}.zip`,
      contentType: 'application/zip',
      stream: out,
    };
  }

  private async *batchIds(firmId: string, batchId: string): AsyncGenerator<string[]> {
    let after: MemberCursor | null = null;
    for (;;) {
      const page = await this.scope.run(firmId, (tx) => this.members.listPage(tx, batchId, after, PAGE));
      if (page.length > 0) yield page.map((p) => p.claimId);
      if (page.length < PAGE) return;
      const last = page[page.length - 1];
      after = { createdAt: last.createdAt, id: last.claimId };
    }
  }

  private async produce(firmId: string, accessor: { kind: 'staff'; staffId: string; ip: string | null; reason: string }, ids: AsyncIterable<string[]>, out: HashingStream, about: object): Promise<number> {
    // Stored, not deflated: the PDFs are compressed already, the JSON files are small, and a
    // deflate stream per entry (5,000 for a thousand plaintiffs) churned native memory.
    const archive = archiver('zip', { store: true });
    archive.on('warning', (error) => this.logger.warn(`proof pack: ${error.message}`));
    const failed = new Promise<never>((_, reject) => archive.on('error', reject));
    failed.catch(() => undefined);
    archive.pipe(out);
    const manifest: { path: string; sha256: string; bytes: number }[] = [];
    const add = async (name: string, data: Buffer) => {
      manifest.push({ path: name, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length });
      const written = new Promise<void>((resolve) => {
        const onEntry = (entry: archiver.EntryData) => {
          if (entry.name !== name) return;
          archive.off('entry', onEntry);
          resolve();
        };
        archive.on('entry', onEntry);
      });
      archive.append(data, { name });
      await Promise.race([written, failed]);
      await drained(out);
    };
    let seq = 0;
    for await (const page of ids) {
      if (out.destroyed) break;
      for (const record of await this.proofs.load(firmId, accessor, page)) {
        const folder = folderOf(++seq, record.claimNumber);
        await add(`${folder}mandate.pdf`, await mandatePdf(record));
        await add(`${folder}consent.json`, json(consentJson(record)));
        await add(`${folder}identity.json`, json(identityJson(record)));
        await add(`${folder}evidence.json`, json(evidenceJson(record)));
        await add(`${folder}audit.json`, json(auditJson(record)));
      }
    }
    if (out.destroyed) throw new Error(`cut short after ${seq} plaintiffs`);
    archive.append(json({ generatedAt: new Date().toISOString(), ...about, plaintiffs: seq, files: manifest }), { name: 'manifest.json' });
    await Promise.race([archive.finalize(), failed]);
    await new Promise<void>((resolve) => (out.writableFinished ? resolve() : out.once('finish', () => resolve())));
    return seq;
  }
}

async function* single(claimId: string): AsyncGenerator<string[]> {
  yield [claimId];
}
