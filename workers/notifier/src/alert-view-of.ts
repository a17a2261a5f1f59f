import { courtName } from '@docketwatch/core';
import type { DeliveryContext } from '@docketwatch/db';
import type { AlertView } from '@docketwatch/notify';

export function alertViewOf(ctx: DeliveryContext, publicUrl: string): AlertView {
  return {
    kind: ctx.event.kind === 'entry.updated' ? 'updated' : 'new',
    matterName: ctx.matter.name,
    matterUrl: `${publicUrl}/matters/${encodeURIComponent(ctx.matter.slug)}`,
    court: ctx.docket.court,
    courtName: courtName(ctx.docket.court),
    docketNumber: ctx.docket.docket_number,
    caseName: ctx.docket.case_name,
    entryNumber: ctx.entry.entry_number,
    filedAt: ctx.entry.filed_at,
    shortDescription: ctx.entry.short_description,
    description: ctx.entry.description,
    documentUrl: ctx.entry.document_url,
  };
}
