/** What evidence we take: screenshots and photos (JPEG, PNG) and documents (PDF), nothing else. */
export const EVIDENCE_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerClaim: 10,
  // A decompression bomb is small on the wire and huge decoded; 50 megapixels covers any phone camera.
  maxImagePixels: 50_000_000,
  thumbnailSize: 320,
} as const;

export type AcceptedType = 'image/jpeg' | 'image/png' | 'application/pdf';

export type RefusalCode =
  | 'empty'
  | 'tooLarge'
  | 'executable'
  | 'archive'
  | 'heic'
  | 'unsupportedType'
  | 'unknownType'
  | 'unreadableImage'
  | 'imageTooLarge'
  | 'unreadablePdf';

/** An upload we will not keep, with the reason the claimant is told (and, when known, what it really was). */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  constructor(
    readonly code: RefusalCode,
    /** file-type's extension for what the bytes are, e.g. 'exe', 'zip', 'gif'. */
    readonly detected?: string,
  ) {
    super(detected ? `upload refused: ${code} (${detected})` : `upload refused: ${code}`);
  }
}

const ACCEPTED: ReadonlyMap<string, AcceptedType> = new Map([
  ['jpg', 'image/jpeg'],
  ['png', 'image/png'],
  ['pdf', 'application/pdf'],
]);

// Programs, installers and containers that run code when opened. file-type reports MSI (and
// old macro-capable Office files) as 'cfb', and DLLs as 'exe'.
const EXECUTABLE = new Set(['exe', 'dll', 'elf', 'macho', 'class', 'jar', 'wasm', 'msi', 'cfb', 'apk', 'dex', 'swf', 'crx', 'xpi', 'deb', 'rpm', 'lnk', 'reg', 'chm']);

// Containers we would have to open to see what is inside (and that scanners often cannot).
const ARCHIVE = new Set(['zip', 'rar', '7z', 'gz', 'tar', 'tar.gz', 'bz2', 'xz', 'zst', 'lz', 'lz4', 'lzh', 'Z', 'cab', 'ar', 'cpio', 'arj', 'ace', 'asar', 'dmg', 'iso']);

// iPhones save photos as HEIC; the claimant gets its own message (how to send a JPEG instead).
// AVIF shares the HEIF container and gets the same one.
const HEIF = new Set(['heic', 'heif', 'avif']);

/** What file-type found (or undefined) → accepted type or the reason to refuse. */
export function classify(detected: { ext: string; mime: string } | undefined): { accepted: AcceptedType } | { refused: RefusalCode; detected?: string } {
  if (!detected) return { refused: 'unknownType' };
  const { ext, mime } = detected;
  // Both must agree: an extension alone could be a sibling format (e.g. 'apng' is not 'png').
  const accepted = ACCEPTED.get(ext);
  if (accepted && accepted === mime) return { accepted };
  if (EXECUTABLE.has(ext)) return { refused: 'executable', detected: ext };
  if (ARCHIVE.has(ext)) return { refused: 'archive', detected: ext };
  if (HEIF.has(ext) || /^image\/(heic|heif|avif)/.test(mime)) return { refused: 'heic', detected: ext };
  return { refused: 'unsupportedType', detected: ext };
}
