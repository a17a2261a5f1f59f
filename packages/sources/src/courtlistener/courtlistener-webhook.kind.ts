import { sha256 } from '@docketwatch/core';
import { z } from 'zod';
import { sourceName } from '../catalogue-fields';
import { catalogueEntry, PUSHED_INTERVAL_SECONDS, type SourceKind } from '../source-kind';

/**
 * CourtListener docket-alert webhooks. Their dockets are named by CourtListener's ids, which only
 * stored dockets resolve, so ingest reads them (ingestCourtListenerAlert), not a parser here.
 */
export const courtListenerWebhookKind: SourceKind<'courtlistener-webhook'> = {
  id: 'courtlistener-webhook',
  arrives: { by: 'push', uploadable: false, history: false },
  defaultIntervalSeconds: PUSHED_INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'webhooks',
      z
        .object({
          kind: z.literal('courtlistener-webhook'),
          name: sourceName,
          /** The last part of the receiving URL. */
          secret: z.string().min(16, 'use at least 16 random characters'),
          /** Check the sender's address against CourtListener's published webhook addresses. */
          checkSender: z.boolean().default(true),
        })
        .strict(),
      // Only the secret's hash is stored; the receiving URL carries the secret itself.
      (entry) => ({
        name: entry.name,
        address: `courtlistener-webhook:${sha256(entry.secret)}`,
        intervalSeconds: PUSHED_INTERVAL_SECONDS,
        config: { checkSender: entry.checkSender },
      }),
    ),
  ],
};
