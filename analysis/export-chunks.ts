/**
 * The text of a streamed export packed into UTF-8 buffers of a bounded size as it is produced.
 * Why not join lines into one string per chunk: a string of a few hundred lines is longer than V8's
 * largest young object, so encoding it flattens a copy into the large-object space, which only a
 * full collection frees. Measured on a CSV of 1,000,000 responses (776 MB): the server grew by about
 * 100 MB of such dead strings before each full collection. Here every line dies young, and the
 * buffers live outside the heap only until the socket has written them.
 */
export const CHUNK_BYTES = 64 * 1024;

export async function* utf8Chunks(parts: AsyncIterable<string> | Iterable<string>, size = CHUNK_BYTES): AsyncGenerator<Buffer> {
  let buf = Buffer.allocUnsafe(size);
  let used = 0;
  for await (const part of parts) {
    const length = Buffer.byteLength(part);
    if (used > 0 && used + length > size) {
      yield buf.subarray(0, used);
      buf = Buffer.allocUnsafe(size);
      used = 0;
    }
    // A part longer than a chunk (a very long free text) goes alone, whole: no character is split.
    if (length > size) yield Buffer.from(part);
    else used += buf.write(part, used);
  }
  if (used > 0) yield buf.subarray(0, used);
}
