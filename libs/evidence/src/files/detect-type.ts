import { fileTypeFromBuffer } from 'file-type';

/** The first bytes file-type needs to recognise anything it knows (its reasonableDetectionSizeInBytes). */
export const DETECTION_BYTES = 4100;

/** What the bytes are, by their magic numbers; never by the name or the type the browser claimed. */
export async function detectType(head: Buffer): Promise<{ ext: string; mime: string } | undefined> {
  // A detector that chokes on crafted bytes has recognised nothing: refuse as unknown, not as a server error.
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  return found && { ext: found.ext, mime: found.mime };
}
