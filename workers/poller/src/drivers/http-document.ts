import { sha256, type DocumentFormat } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import { parseDocument } from '@docketwatch/sources';
import type { SourceDriver } from './driver';

/**
 * A source that is one document at one URL (a CM/ECF RSS feed, a Supreme Court docket, an RSS/Atom
 * feed): conditional GET, and an unchanged body is not parsed again.
 */
export function httpDocumentDriver(format: DocumentFormat): SourceDriver {
  return {
    async poll({ source, http }) {
      const res = await http.get(source.url, { etag: source.etag, lastModified: source.last_modified });
      if (res.notModified) return { kind: 'not-modified' };
      const validators = { etag: res.etag, lastModified: res.lastModified, bodyHash: sha256(res.body) };
      if (validators.bodyHash === source.body_hash) return { kind: 'unchanged', validators };
      const document = await parseDocument(decodeBody(res.body, res.contentType), {
        format,
        ...(source.court ? { court: source.court } : {}),
      });
      return { kind: 'document', document, validators };
    },
  };
}
