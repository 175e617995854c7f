import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DETECTION_BYTES, detectType } from './detect-type';
import { classify } from './file-policy';

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const padded = (head: Buffer, size = 512) => Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length))]);

/** Deterministic noise (SHA-256 in counter mode): random-looking, and the same on every run. */
function noise(size: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < size; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

/** A Windows PE: the DOS stub 'MZ', e_lfanew at 0x3c pointing to 'PE\0\0' and an i386 file header. */
const pe = () => {
  const file = Buffer.alloc(1024);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  file.writeUInt16LE(0x14c, 0x84);
  return file;
};

describe('detectType + classify: the bytes decide, never the name', () => {
  it.each<[string, Buffer, ReturnType<typeof classify>]>([
    ['a JPEG', padded(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0')), { accepted: 'image/jpeg' }],
    ['a PNG', padded(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])), { accepted: 'image/png' }],
    ['a PDF', padded(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')), { accepted: 'application/pdf' }],
    ['a Windows program', pe(), { refused: 'executable', detected: 'exe' }],
    ['a Linux program', padded(bytes([0x7f], 'ELF', [2, 1, 1, 0])), { refused: 'executable', detected: 'elf' }],
    ['a macOS program', padded(bytes([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01])), { refused: 'executable', detected: 'macho' }],
    ['a Java class', padded(bytes([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41])), { refused: 'executable', detected: 'class' }],
    ['WebAssembly', padded(bytes([0x00], 'asm', [0x01, 0x00, 0x00, 0x00])), { refused: 'executable', detected: 'wasm' }],
    ['an MSI installer (an OLE compound file)', padded(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), { refused: 'executable', detected: 'cfb' }],
    ['a gzip file', gzipSync(noise(1000, 'gz')), { refused: 'archive', detected: 'gz' }],
    ['a 7-Zip archive', padded(bytes('7z\xbc\xaf\x27\x1c', [0, 4])), { refused: 'archive', detected: '7z' }],
    ['a RAR archive', padded(bytes('Rar!\x1a\x07\x01\x00')), { refused: 'archive', detected: 'rar' }],
    ['a HEIC photo', padded(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')), { refused: 'heic', detected: 'heic' }],
    ['an AVIF photo', padded(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf')), { refused: 'heic', detected: 'avif' }],
    ['a GIF', padded(bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0])), { refused: 'unsupportedType', detected: 'gif' }],
    ['a WebP', padded(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')), { refused: 'unsupportedType', detected: 'webp' }],
  ])('%s', async (_what, file, expected) => {
    expect(classify(await detectType(file.subarray(0, DETECTION_BYTES)))).toEqual(expected);
  });

  it('recognises nothing in noise or plain text', async () => {
    expect(await detectType(noise(DETECTION_BYTES, 'unknown'))).toBeUndefined();
    expect(await detectType(Buffer.from('쿠팡 개인정보 유출 통지를 받았습니다.\n'.repeat(100)))).toBeUndefined();
    expect(classify(await detectType(Buffer.alloc(0)))).toEqual({ refused: 'unknownType' });
  });
});
