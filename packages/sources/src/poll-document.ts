import { sha256 } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import type { Parser, PollDriver } from './source-kind';

/**
 * A source that is one document at one URL (a CM/ECF RSS feed, a Supreme Court docket, an RSS/Atom
 * feed): conditional GET, and an unchanged body is not parsed again.
 */
export function pollDocument(parse: Parser): PollDriver {
  return async ({ source, http }) => {
    const res = await http.get(source.address, { etag: source.etag, lastModified: source.last_modified });
    if (res.notModified) return { kind: 'not-modified' };
    const validators = { etag: res.etag, lastModified: res.lastModified, bodyHash: sha256(res.body) };
    if (validators.bodyHash === source.body_hash) return { kind: 'unchanged', validators };
    const text = decodeBody(res.body, res.contentType);
    const document = await parse(text, source.court ? { court: source.court } : {}, text);
    return { kind: 'document', document, validators };
  };
}
