import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { EVIDENCE_KIND } from './draft-maker';

export const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * A photo-like JPEG of about `targetBytes`: gaussian noise, which JPEG cannot squeeze, so the
 * size is really on the wire and really decoded. Portrait 3:4 like a phone photo; the size is
 * found in a few tries by scaling the area.
 */
export async function noisyJpeg(targetBytes = 1024 * 1024): Promise<{ bytes: Buffer; width: number; height: number }> {
  let width = 900;
  let best: { bytes: Buffer; width: number; height: number } | null = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const height = Math.round((width * 4) / 3);
    const bytes = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 82 })
      .toBuffer();
    best = { bytes, width, height };
    const ratio = targetBytes / bytes.length;
    if (Math.abs(ratio - 1) < 0.03) break;
    width = Math.max(64, Math.round(width * Math.sqrt(ratio)));
  }
  return best!;
}

/**
 * The same image with a JPEG comment (COM segment) saying which copy it is, right after the
 * start-of-image marker: still one valid JPEG, the same pixels, but other bytes. A draft keeps
 * each original once (by its SHA-256), so each of a draft's ten uploads needs copies that differ.
 */
export function jpegCopy(jpeg: Buffer, label: string): Buffer {
  if (!jpeg.subarray(0, 3).equals(JPEG_MAGIC)) throw new Error('not a JPEG');
  const text = Buffer.from(label, 'latin1');
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(2 + text.length, 2);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

/**
 * The evidence step's upload form as a browser encodes it: `lang`, `kind` first (the API reads
 * them before any byte of the file), then `file`. Encoded once, before the clock.
 */
export function uploadForm(file: Buffer, name = 'notice.jpg', kind = EVIDENCE_KIND, lang = 'ko'): MultipartBody {
  const boundary = `----claimsbench${randomBytes(12).toString('hex')}`;
  const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const head = `${field('lang', lang)}${field('kind', kind)}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head, 'utf8'), file, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
  };
}
