import type { Readable } from 'node:stream';

export class BodyTooLargeError extends Error {}

/**
 * Reads a response body into memory, giving up as soon as it passes `maxBytes`. Destroying the
 * stream makes undici abort the request and destroy the socket, so the rest is never downloaded.
 */
export async function readBodyCapped(body: Readable, maxBytes: number, contentLength: string | undefined): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > maxBytes) {
    body.destroy();
    throw new BodyTooLargeError();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
