import fc from 'fast-check';
import { RefusalCode, UploadRefused, classify } from './file-policy';

const as = (ext: string, mime = 'application/octet-stream') => ({ ext, mime });

describe('classify', () => {
  it.each([
    ['jpg', 'image/jpeg'],
    ['png', 'image/png'],
    ['pdf', 'application/pdf'],
  ])('accepts %s (%s)', (ext, mime) => {
    expect(classify({ ext, mime })).toEqual({ accepted: mime });
  });

  it('refuses what nothing recognised, with no detected type', () => {
    expect(classify(undefined)).toEqual({ refused: 'unknownType' });
  });

  it.each(['exe', 'elf', 'macho', 'class', 'jar', 'wasm', 'cfb', 'apk', 'swf', 'crx', 'xpi', 'deb', 'rpm', 'lnk', 'reg', 'chm'])(
    'refuses the executable %s',
    (ext) => {
      expect(classify(as(ext))).toEqual({ refused: 'executable', detected: ext });
    },
  );

  it.each(['zip', 'rar', '7z', 'gz', 'tar', 'tar.gz', 'bz2', 'xz', 'zst', 'lz', 'lz4', 'lzh', 'Z', 'cab', 'ar', 'cpio', 'arj', 'ace', 'asar', 'dmg', 'iso'])(
    'refuses the archive %s',
    (ext) => {
      expect(classify(as(ext))).toEqual({ refused: 'archive', detected: ext });
    },
  );

  it.each([
    ['heic', 'image/heic'],
    ['heic', 'image/heif'],
    ['heic', 'image/heic-sequence'],
    ['heic', 'image/heif-sequence'],
    ['avif', 'image/avif'],
  ])('refuses the iPhone-style %s (%s) with its own code', (ext, mime) => {
    expect(classify({ ext, mime })).toEqual({ refused: 'heic', detected: ext });
  });

  it.each([
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['tif', 'image/tiff'],
    ['bmp', 'image/bmp'],
    ['apng', 'image/apng'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['mp4', 'video/mp4'],
    ['xml', 'application/xml'],
  ])('refuses the other type %s as unsupported, naming it', (ext, mime) => {
    expect(classify({ ext, mime })).toEqual({ refused: 'unsupportedType', detected: ext });
  });

  it('accepts only when extension and media type agree', () => {
    expect(classify({ ext: 'jpg', mime: 'image/png' })).toEqual({ refused: 'unsupportedType', detected: 'jpg' });
    expect(classify({ ext: 'png', mime: 'image/apng' })).toEqual({ refused: 'unsupportedType', detected: 'png' });
  });

  it('is not fooled by extensions that are Object.prototype members', () => {
    for (const ext of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(classify({ ext, mime: 'image/jpeg' })).toEqual({ refused: 'unsupportedType', detected: ext });
    }
  });

  it('accepts nothing but the three exact pairs, and every refusal names what was found', () => {
    const exact = new Set(['jpg image/jpeg', 'png image/png', 'pdf application/pdf']);
    const codes: RefusalCode[] = ['executable', 'archive', 'heic', 'unsupportedType'];
    const ext = fc.oneof(fc.constantFrom('jpg', 'png', 'pdf', 'gif', 'exe', 'zip', 'heic'), fc.string({ maxLength: 8 }));
    const mime = fc.oneof(fc.constantFrom('image/jpeg', 'image/png', 'application/pdf', 'image/heic'), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(ext, mime, (e, m) => {
        const result = classify({ ext: e, mime: m });
        if ('accepted' in result) {
          expect(exact.has(`${e} ${m}`)).toBe(true);
          expect(result.accepted).toBe(m);
        } else {
          expect(exact.has(`${e} ${m}`)).toBe(false);
          expect(codes).toContain(result.refused);
          expect(result.detected).toBe(e);
        }
      }),
    );
  });
});

describe('UploadRefused', () => {
  it('carries its code and what was detected, and says both', () => {
    const refusal = new UploadRefused('executable', 'exe');
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal.code).toBe('executable');
    expect(refusal.detected).toBe('exe');
    expect(refusal.message).toBe('upload refused: executable (exe)');
    expect(new UploadRefused('empty').detected).toBeUndefined();
  });
});
