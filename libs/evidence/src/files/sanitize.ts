import { Duplex, PassThrough, Readable, Transform } from 'node:stream';
import sharp from 'sharp';
import { AcceptedType, EVIDENCE_LIMITS, UploadRefused } from './file-policy';

// Decoded pixels of one claimant's image must not linger in a cache another request reads from.
sharp.cache(false);

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * The bytes we keep. JPEG and PNG are decoded and re-encoded in their own format with the
 * orientation applied and every metadata block dropped (EXIF with GPS, XMP, IPTC; colours
 * converted to sRGB and the ICC profile left out), which is sharp's default when no keep/with
 * metadata call is made. `type` must come from classify() on these same bytes: sharp picks its
 * decoder by content, so it is that check that keeps other formats out. PDFs pass through
 * unchanged once they start with %PDF-.
 * Decode failures become UploadRefused('unreadableImage' | 'imageTooLarge' | 'unreadablePdf').
 */
export function sanitize(type: AcceptedType, input: Readable): { output: Readable; done: Promise<{ width?: number; height?: number }> } {
  if (type === 'application/pdf') return guarded(input, pdfMagicCheck(), () => ({}));
  let info: sharp.OutputInfo | undefined;
  const image = imageDecoder()
    .rotate()
    .on('info', (value: sharp.OutputInfo) => (info = value));
  // Quality 90 keeps the small text of a screenshotted notice legible.
  if (type === 'image/jpeg') image.jpeg({ quality: 90 });
  else image.png();
  return guarded(input, image, () => {
    // An encoder that ended without saying what it wrote has written nothing we can keep.
    if (!info) throw new UploadRefused('unreadableImage');
    return { width: info.width, height: info.height };
  });
}

/** A sharp pipeline for untrusted input: a pixel cap checked from the header before decoding, and any decoder warning fatal. */
export function imageDecoder(): sharp.Sharp {
  return sharp({ limitInputPixels: EVIDENCE_LIMITS.maxImagePixels, failOn: 'warning', sequentialRead: true });
}

/** Maps what sharp or the PDF check threw to the claimant's reason; anything else (the source failing) stays as it was. */
export function refusalFor(error: unknown): UploadRefused {
  if (error instanceof UploadRefused) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UploadRefused(/pixel limit/i.test(message) ? 'imageTooLarge' : 'unreadableImage');
}

/**
 * input → engine → output, where any failure fails `output` and rejects `done` with the same
 * error (the engine's mapped to an UploadRefused), and a consumer that gives up on `output`
 * stops the engine and the input. The engine's own 'end' after an error is never passed on,
 * so a failed decode can never look like a short, complete file.
 */
function guarded<T>(input: Readable, engine: Duplex, result: () => T): { output: Readable; done: Promise<T> } {
  const output = new PassThrough();
  let settled = false;
  let resolveDone!: (value: T) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<T>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // The caller may await `output` first; the rejection still reaches it through `done`.
  done.catch(() => {});
  const fail = (error: unknown) => {
    if (settled) return;
    settled = true;
    input.destroy();
    engine.destroy();
    output.destroy(error as Error);
    rejectDone(error);
  };
  // `on`, not `once`: a second error after the first must not go unhandled.
  input.on('error', fail);
  engine.on('error', (error) => fail(refusalFor(error)));
  output.once('close', () => {
    if (!settled) fail(new Error('the sanitized output was abandoned before it ended'));
  });
  engine.on('data', (chunk: Buffer) => {
    if (!settled && !output.write(chunk)) {
      engine.pause();
      output.once('drain', () => engine.resume());
    }
  });
  engine.once('end', () => {
    // An engine may still report an error in the same tick as its end.
    setImmediate(() => {
      if (settled) return;
      let value: T;
      try {
        value = result();
      } catch (error) {
        return fail(error);
      }
      settled = true;
      resolveDone(value);
      output.end();
    });
  });
  input.pipe(engine);
  return { output, done };
}

function pdfMagicCheck(): Transform {
  let seen = Buffer.alloc(0);
  let checked = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (checked) return callback(null, chunk);
      seen = Buffer.concat([seen, chunk]);
      if (seen.length < PDF_MAGIC.length) return callback();
      if (!seen.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return callback(new UploadRefused('unreadablePdf'));
      checked = true;
      callback(null, seen);
    },
    flush(callback) {
      callback(checked ? null : new UploadRefused('unreadablePdf'));
    },
  });
}
