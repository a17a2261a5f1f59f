import { TextDecoder } from 'node:util';
import { decodeWindows1252 } from './windows-1252';

/** How far into a document to look for an in-band encoding declaration (the HTML prescan limit). */
const SNIFF_BYTES = 1024;

/**
 * Decodes a response body to text. Precedence: byte-order mark, then the Content-Type charset
 * (authoritative for feeds served as text/xml or application/rss+xml), then the XML prolog's
 * encoding, then an HTML <meta> charset, then `fallback`. Court sites still serve ISO-8859-1 and
 * windows-1252 pages; TextDecoder handles those (and maps latin1 to windows-1252, as browsers do).
 */
export function decodeBody(body: Buffer, contentType: string | null, fallback = 'utf-8'): string {
  const bom = bomEncoding(body);
  if (bom !== null) return new TextDecoder(bom).decode(body);
  const declared = charsetFromContentType(contentType) ?? inBandDeclaration(body);
  const decoder = decoderFor(declared, fallback);
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(body) : decoder.decode(body);
}

function bomEncoding(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetFromContentType(contentType: string | null): string | null {
  return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1] ?? null;
}

function inBandDeclaration(body: Buffer): string | null {
  // latin1 maps bytes 1:1, so ASCII markup reads correctly whatever the real encoding is.
  const head = body.subarray(0, SNIFF_BYTES).toString('latin1');
  const declared =
    head.match(/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i)?.[1] ??
    head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i)?.[1] ??
    null;
  // A document we could read as ASCII is not UTF-16, whatever it claims (the WHATWG rule).
  return declared !== null && /^utf-?16/i.test(declared) ? 'utf-8' : declared;
}

function decoderFor(label: string | null, fallback: string): TextDecoder {
  for (const candidate of [label, fallback]) {
    if (candidate === null) continue;
    try {
      return new TextDecoder(candidate);
    } catch {
      // Unknown label: fall through to the next candidate.
    }
  }
  return new TextDecoder('utf-8');
}
