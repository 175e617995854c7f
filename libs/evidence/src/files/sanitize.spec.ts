import { Readable } from 'node:stream';
import fc from 'fast-check';
import { UploadRefused } from './file-policy';
import { sanitize } from './sanitize';

const chunked = (bytes: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

async function drain(output: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of output) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('sanitize (PDF)', () => {
  it('passes a PDF through byte for byte, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), async (rest, size) => {
        const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), rest]);
        const { output, done } = sanitize('application/pdf', chunked(pdf, size));
        expect((await drain(output)).equals(pdf)).toBe(true);
        await expect(done).resolves.toEqual({});
      }),
      { numRuns: 100 },
    );
  });

  it.each(['%PDF', '%PDX-1.7\n', '%pdf-1.7\n', '', ' %PDF-1.7'])('refuses %j as unreadablePdf, on the output and on done', async (start) => {
    const { output, done } = sanitize('application/pdf', chunked(Buffer.from(start), 1));
    await expect(drain(output)).rejects.toMatchObject({ code: 'unreadablePdf' });
    await expect(done).rejects.toBeInstanceOf(UploadRefused);
  });

  it("passes the source's own failure on unchanged (it is not the file's fault)", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('%PDF-1.7\n'));
        this.destroy(new Error('temp file unreadable'));
      },
    });
    const { output, done } = sanitize('application/pdf', failing);
    await expect(drain(output)).rejects.toThrow('temp file unreadable');
    await expect(done).rejects.toThrow('temp file unreadable');
  });

  it('stops reading the source when the consumer gives up on the output', async () => {
    let reads = 0;
    const source = new Readable({
      highWaterMark: 1024,
      read() {
        reads++;
        this.push(Buffer.concat([Buffer.from(reads === 1 ? '%PDF-' : ''), Buffer.alloc(1024)]));
      },
    });
    const { output, done } = sanitize('application/pdf', source);
    output.once('data', () => output.destroy());
    await expect(done).rejects.toThrow(/abandoned/);
    expect(source.destroyed).toBe(true);
  });
});

describe('sanitize (images)', () => {
  it('refuses bytes that do not decode as the image they were classified as', async () => {
    const { output, done } = sanitize('image/jpeg', Readable.from([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]));
    await expect(drain(output)).rejects.toMatchObject({ code: 'unreadableImage' });
    await expect(done).rejects.toMatchObject({ code: 'unreadableImage' });
  });
});
