import { PassThrough } from 'stream';
import { writeChunks } from '../../lib/cli/io';

describe('writeChunks: output written as the pipe drains', () => {
  test('hands a long text over in chunks, waiting for drain whenever the stream asks, and loses nothing', async () => {
    const stream = new PassThrough({ highWaterMark: 1024 });
    const writes: number[] = [];
    const write = stream.write.bind(stream);
    let waiting = 0;
    stream.write = ((chunk: string) => {
      writes.push(chunk.length);
      const ok = write(chunk);
      waiting += ok ? 0 : 1;
      return ok;
    }) as typeof stream.write;
    const text = 'x'.repeat(200_000) + 'end';
    const read: Buffer[] = [];
    // The reader starts late, as a slow pipe would: the first chunk fills the stream's buffer.
    const written = writeChunks(stream, text);
    expect(writes).toHaveLength(1);
    setImmediate(() => stream.on('data', (chunk: Buffer) => read.push(chunk)));
    await written;
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(Buffer.concat(read).toString()).toBe(text);
    expect(Math.max(...writes)).toBe(1 << 16);
    expect(writes).toHaveLength(4);
    expect(waiting).toBeGreaterThan(0);
  });

  test('an output without events (the in-memory one of the tests) is written straight through', async () => {
    const out: string[] = [];
    await writeChunks({ write: (chunk: string) => out.push(chunk) }, 'a'.repeat(70_000));
    expect(out.join('')).toHaveLength(70_000);
  });
});
