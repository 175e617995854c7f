import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PDFDocument } from 'pdf-lib';
import { EVIDENCE_LIMITS, UploadRefused } from './file-policy';
import { imageDecoder, refusalFor } from './sanitize';

/** A JPEG inside 320x320 for the review screens, with no metadata (sharp keeps none unless asked). */
export async function thumbnail(input: Readable): Promise<Buffer> {
  const size = EVIDENCE_LIMITS.thumbnailSize;
  const image = imageDecoder()
    .rotate()
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    // A transparent PNG's background becomes white rather than JPEG's black.
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 });
  const [, buffer] = await Promise.all([pipeline(input, image), image.toBuffer()]).catch((error: unknown) => {
    throw input.errored ? error : refusalFor(error);
  });
  return buffer;
}

/** The page count of a stored PDF (pdf-lib needs the whole file, so it is read up to maxBytes). */
export async function pdfPageCount(input: Readable, maxBytes: number): Promise<number> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) {
      input.destroy();
      throw new UploadRefused('tooLarge');
    }
    chunks.push(chunk as Buffer);
  }
  let pages: number;
  try {
    // Encryption hides content, not the page tree, and an owner password alone still opens for reading.
    const document = await PDFDocument.load(Buffer.concat(chunks), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    pages = document.getPageCount();
  } catch {
    throw new UploadRefused('unreadablePdf');
  }
  if (pages < 1) throw new UploadRefused('unreadablePdf');
  return pages;
}
