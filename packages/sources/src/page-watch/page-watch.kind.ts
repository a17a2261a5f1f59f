import { sha256 } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { catalogueEntry, type PollDriver, type SourceKind } from '../source-kind';
import { pageWatchDocument } from './page-watch';
import { extractRegion } from './region';

const INTERVAL_SECONDS = 1800;

/** The text of a selector-bounded region, compared with what it said last time. */
const poll: PollDriver = async ({ source, http }) => {
  const res = await http.get(source.address, { etag: source.etag, lastModified: source.last_modified });
  if (res.notModified) return { kind: 'not-modified' };
  const validators = { etag: res.etag, lastModified: res.lastModified, bodyHash: sha256(res.body) };
  if (validators.bodyHash === source.body_hash) return { kind: 'unchanged', validators };
  const selector = typeof source.config.selector === 'string' ? source.config.selector : undefined;
  // A selector that matches nothing fails as a changed layout (see extractRegion).
  const current = extractRegion(decodeBody(res.body, res.contentType), selector ? { selector } : {});
  const previous = typeof source.state.snapshot === 'string' ? source.state.snapshot : null;
  return {
    kind: 'document',
    document: pageWatchDocument(source.address, previous, current, source.name),
    validators,
    state: { snapshot: current },
  };
};

/** Anything else worth watching: a page region, alerted when its text changes. */
export const pageWatchKind: SourceKind<'page-watch'> = {
  id: 'page-watch',
  arrives: { by: 'poll', poll },
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'pages',
      z.object({ name: sourceName, url: httpUrl, selector: z.string().min(1).optional(), every: every(INTERVAL_SECONDS) }).strict(),
      (entry) => ({
        name: entry.name,
        address: entry.url,
        intervalSeconds: entry.every,
        config: entry.selector ? { selector: entry.selector } : {},
      }),
    ),
  ],
};
