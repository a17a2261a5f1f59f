import { sha256 } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import { extractRegion, pageWatchDocument } from '@docketwatch/sources';
import type { SourceDriver } from './driver';

/** Any page: the text of a selector-bounded region, compared with what it said last time. */
export const pageWatchDriver: SourceDriver = {
  async poll({ source, http }) {
    const res = await http.get(source.url, { etag: source.etag, lastModified: source.last_modified });
    if (res.notModified) return { kind: 'not-modified' };
    const validators = { etag: res.etag, lastModified: res.lastModified, bodyHash: sha256(res.body) };
    if (validators.bodyHash === source.body_hash) return { kind: 'unchanged', validators };
    const selector = typeof source.config.selector === 'string' ? source.config.selector : undefined;
    const current = extractRegion(decodeBody(res.body, res.contentType), selector ? { selector } : {});
    const previous = typeof source.state.snapshot === 'string' ? source.state.snapshot : null;
    return {
      kind: 'document',
      document: pageWatchDocument(source.url, previous, current, source.name),
      validators,
      state: { snapshot: current },
    };
  },
};
