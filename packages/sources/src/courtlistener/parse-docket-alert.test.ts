import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseError, type ErrorCode } from '@docketwatch/core';
import { parseDocketAlertWebhook, readDocketAlertWebhook, resolveDocketAlert, type DocketRef } from './parse-docket-alert';

const testdata = (name: string): string => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');
const WEBHOOK = testdata('docket-alert-webhook.json');

/** Our dockets by CourtListener id, as the receiver would load them. */
const FOLLOWED = new Map<number, DocketRef>([
  [68571705, { court: 'dcd', docketNumber: '1:24-cv-1234', caseName: 'Example Corp. v. Sample Agency', pacerCaseId: '262001' }],
  [71234567, { court: 'cand', docketNumber: '3:24-cv-00042' }],
]);
const lookup = (id: number): DocketRef | undefined => FOLLOWED.get(id);

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('readDocketAlertWebhook', () => {
  it('checks the event and groups its entries by CourtListener docket, in order of appearance', () => {
    const event = readDocketAlertWebhook(WEBHOOK);
    expect(event).toMatchObject({ webhookVersion: 2, eventType: 'DOCKET_ALERT', deprecationDate: null });
    expect(event.dockets.map((d) => [d.courtListenerDocketId, d.entries.length, d.lastSequence])).toEqual([
      [68571705, 2, '2024-11-04.002'],
      [71234567, 1, '2024-11-04.001'],
    ]);
  });

  it('passes on a scheduled deprecation date', () => {
    const body = JSON.stringify({
      webhook: { event_type: 1, version: 1, deprecation_date: '2025-12-01T00:00:00-08:00' },
      payload: { results: [] },
    });
    expect(readDocketAlertWebhook(body)).toMatchObject({ webhookVersion: 1, deprecationDate: '2025-12-01T00:00:00-08:00', dockets: [] });
  });

  it.each<[string, string, ErrorCode]>([
    ['an empty body', '', 'PARSE_EMPTY'],
    ['an HTML page', '<html><body>Bad gateway</body></html>', 'PARSE_ERROR_PAGE'],
    ['a body cut off in transit', WEBHOOK.slice(0, 300), 'PARSE_TRUNCATED'],
    ['broken JSON', '{"webhook": {"event_type": 1,, "version": 2}}', 'PARSE_MALFORMED'],
    ['JSON that is not a webhook event', '{"results": []}', 'PARSE_UNRECOGNISED'],
    ['a Search Alert event', testdata('search-alert-webhook.json'), 'PARSE_UNRECOGNISED'],
    ['a RECAP Fetch event', '{"webhook": {"event_type": 3, "version": 2}, "payload": {"id": 1}}', 'PARSE_UNRECOGNISED'],
    ['an event type that is not a number', '{"webhook": {"event_type": "1", "version": 2}, "payload": {"results": []}}', 'PARSE_MALFORMED'],
    ['a missing version', '{"webhook": {"event_type": 1}, "payload": {"results": []}}', 'PARSE_MALFORMED'],
    ['a Docket Alert without payload.results', '{"webhook": {"event_type": 1, "version": 2}, "payload": {}}', 'PARSE_MALFORMED'],
    ['a Docket Alert without payload', '{"webhook": {"event_type": 1, "version": 2}}', 'PARSE_MALFORMED'],
    [
      'an entry that names no docket',
      '{"webhook": {"event_type": 1, "version": 2}, "payload": {"results": [{"entry_number": 1}]}}',
      'PARSE_MALFORMED',
    ],
    [
      'an entry whose docket is not an id',
      '{"webhook": {"event_type": 1, "version": 2}, "payload": {"results": [{"docket": "abc"}]}}',
      'PARSE_MALFORMED',
    ],
    [
      'an entry with a mistyped field',
      '{"webhook": {"event_type": 1, "version": 2}, "payload": {"results": [{"docket": 5, "recap_documents": [{"is_available": "yes"}]}]}}',
      'PARSE_MALFORMED',
    ],
  ])('rejects %s', (_what, body, code) => {
    expect(parseError(() => readDocketAlertWebhook(body)).code).toBe(code);
  });

  it('names the event type it refused', () => {
    expect(parseError(() => readDocketAlertWebhook(testdata('search-alert-webhook.json'))).context).toMatchObject({
      eventType: 2,
      name: 'SEARCH_ALERT',
    });
  });
});

describe('resolveDocketAlert / parseDocketAlertWebhook', () => {
  const alert = parseDocketAlertWebhook(WEBHOOK, lookup);

  it('turns the followed dockets into the parse contract, each entry timed in its court’s zone', () => {
    expect(alert.document.format).toBe('courtlistener');
    expect(alert.dockets.map((d) => [d.courtListenerDocketId, d.court, d.docketNumber])).toEqual([
      [68571705, 'dcd', '1:24-cv-01234'],
      [71234567, 'cand', '3:24-cv-00042'],
    ]);
    expect(alert.dockets[0]).toMatchObject({
      caseName: 'Example Corp. v. Sample Agency',
      pacerCaseId: '262001',
      lastSequence: '2024-11-04.002',
    });
    expect(alert.dockets[0]!.entries).toEqual([
      {
        entryNumber: '5',
        filedAt: '2024-11-04T01:30:00-05:00',
        shortDescription: 'Response',
        description: 'RESPONSE re 4 Order filed by SAMPLE AGENCY. (Roe, John) (Entered: 11/04/2024)',
        documentUrl: 'https://www.courtlistener.com/docket/68571705/5/example-corp-v-sample-agency/',
        pacerDocId: '045010000007',
        attachments: [],
      },
      {
        entryNumber: null,
        filedAt: '2024-11-04',
        shortDescription: '',
        description:
          'Set/Reset Hearings: Motion Hearing set for 12/2/2024 at 10:00 AM in Courtroom 14 before Judge Richard Poe. (zab) (Entered: 11/04/2024)',
        documentUrl: null,
        pacerDocId: null,
        attachments: [],
      },
    ]);
    expect(alert.dockets[1]!.entries[0]).toMatchObject({
      entryNumber: '12',
      filedAt: '2024-11-04T13:05:41-08:00',
      documentUrl: 'https://storage.courtlistener.com/recap/gov.uscourts.cand.400001/gov.uscourts.cand.400001.12.0.pdf',
      pacerDocId: null,
    });
  });

  it('keeps the plain document free of CourtListener ids', () => {
    expect(Object.keys(alert.document.dockets[0]!).sort()).toEqual(['caseName', 'court', 'docketNumber', 'entries', 'pacerCaseId']);
    expect(alert.document.dockets).toHaveLength(2);
  });

  it('lists dockets the lookup does not know instead of guessing', () => {
    const partial = resolveDocketAlert(readDocketAlertWebhook(WEBHOOK), (id) => (id === 68571705 ? FOLLOWED.get(id) : null));
    expect(partial.dockets.map((d) => d.courtListenerDocketId)).toEqual([68571705]);
    expect(partial.unresolved).toEqual([{ courtListenerDocketId: 71234567, entryCount: 1 }]);
  });
});
