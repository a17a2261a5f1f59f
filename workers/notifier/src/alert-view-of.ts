import { courtName } from '@docketwatch/core';
import type { EventContext } from '@docketwatch/db';
import type { AlertView } from '@docketwatch/notify';

export function alertViewOf(ctx: EventContext, publicUrl: string): AlertView {
  const matterUrl = `${publicUrl}/matters/${encodeURIComponent(ctx.matter.slug)}`;
  const kind = ctx.event.kind === 'entry.updated' ? 'updated' : 'new';
  if (ctx.subject.type === 'item') {
    const { item } = ctx.subject;
    return {
      kind,
      source: 'press',
      entryClass: 'press',
      matterName: ctx.matter.name,
      matterUrl,
      court: 'press',
      courtName: item.publisher ?? new URL(item.url).hostname,
      docketNumber: '',
      caseName: item.title,
      entryNumber: null,
      filedAt: item.published_at ?? item.first_seen_at.toISOString(),
      shortDescription: item.title,
      description: item.summary || item.text.slice(0, 600),
      documentUrl: item.url,
      publisher: item.publisher,
    };
  }
  const { entry, docket } = ctx.subject;
  return {
    kind,
    source: 'court',
    entryClass: entry.class,
    matterName: ctx.matter.name,
    matterUrl,
    court: docket.court,
    courtName: courtName(docket.court),
    docketNumber: docket.docket_number,
    caseName: docket.case_name,
    entryNumber: entry.entry_number,
    filedAt: entry.filed_at,
    shortDescription: entry.short_description,
    description: entry.description,
    documentUrl: entry.document_url,
  };
}
