import { Worker } from 'node:worker_threads';
import { openEnvelope } from './open-envelope';

interface Reply {
  id: number;
  values?: string[];
  error?: string;
}

/**
 * The thread's whole program: it keeps the keys it was started with and opens each page of
 * envelopes it is sent, answering with their texts in order, or with why one failed.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const openEnvelope = ${openEnvelope.toString()};
const keys = new Map(workerData.keys.map(([id, key]) => [id, Buffer.from(key)]));
parentPort.on('message', ({ id, packed, lengths, aads }) => {
  const all = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const values = new Array(lengths.length);
  try {
    for (let i = 0, at = 0; i < lengths.length; at += lengths[i], i++) values[i] = openEnvelope(createDecipheriv, keys, all.subarray(at, at + lengths[i]), aads[i]);
    parentPort.postMessage({ id, values });
  } catch (error) {
    parentPort.postMessage({ id, error: error.message });
  }
});
`;

/**
 * A worker thread that opens pages of field envelopes beside the main thread.
 *
 * Why: a plaintiff list opens a value for every person, about 6 µs each in Node (the cipher's
 * set-up), and on the API's one thread that was the largest single part of a million-row
 * list's time while the machine's other core had room (bench:staff-filing). Here the main
 * thread packs a page's envelopes into one buffer (a single copy: cloning each small Buffer
 * would copy the whole pool slab it sits in) and goes on with the next page while this one is
 * opened. Pages are answered in the order sent.
 *
 * Started on first use and unreferenced, so it never holds a process open; if it dies, the
 * pages in flight fail and the next page starts a new one.
 */
/** A started thread and the pages it has not answered yet, by id. */
interface Running {
  worker: Worker;
  pending: Map<number, { resolve: (values: string[]) => void; reject: (error: Error) => void }>;
}

export class OpeningThread {
  private current: Running | null = null;
  private next = 0;

  constructor(private readonly keys: ReadonlyMap<string, Buffer>) {}

  open(envelopes: readonly Buffer[], aads: readonly string[]): Promise<string[]> {
    if (envelopes.length !== aads.length) return Promise.reject(new Error('OpeningThread.open: one associated data per envelope'));
    if (envelopes.length === 0) return Promise.resolve([]);
    const { worker, pending } = this.current ?? this.start();
    const id = this.next++;
    return new Promise<string[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, packed: Buffer.concat(envelopes as Buffer[]), lengths: envelopes.map((e) => e.length), aads });
    });
  }

  /** Stops the thread; pages in flight fail. */
  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await current.worker.terminate();
  }

  private start(): Running {
    const worker = new Worker(SOURCE, {
      eval: true,
      workerData: { keys: [...this.keys].map(([id, key]) => [id, new Uint8Array(key)]) },
      // A thread's heap is sized from the host's memory unless told; it holds a few pages' texts.
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref();
    const current: Running = { worker, pending: new Map() };
    worker.on('message', ({ id, values, error }: Reply) => {
      const waiting = current.pending.get(id);
      current.pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(error));
      else waiting?.resolve(values!);
    });
    const fail = (error: Error) => {
      if (this.current === current) this.current = null;
      for (const waiting of current.pending.values()) waiting.reject(error);
      current.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the opening thread stopped (exit code ${code})`)));
    this.current = current;
    return current;
  }
}
