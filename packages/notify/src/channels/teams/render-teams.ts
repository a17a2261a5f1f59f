import { clip, safeHref } from '@docketwatch/core';
import { entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';

/** Entries one card carries; a larger burst is several messages. */
export const TEAMS_ENTRIES_PER_MESSAGE = 10;
/** Teams refuses messages over about 28 KB; stay under it with room for the envelope. */
export const TEAMS_MAX_MESSAGE_BYTES = 26 * 1024;

/** The body a Teams Workflows "when a webhook request is received" flow posts to a channel. */
export interface TeamsMessage {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }[];
}

interface AdaptiveCard {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
}

/**
 * Scraped text goes only into TextRuns of RichTextBlocks, which Adaptive Cards never read as
 * Markdown, so a court's "[click](…)" or "**" stays literal. TextBlocks hold only our own words.
 */
function plain(text: string, options: { weight?: 'Bolder'; size?: 'Small' | 'Medium'; subtle?: boolean } = {}) {
  return {
    type: 'RichTextBlock',
    inlines: [
      {
        type: 'TextRun',
        text,
        ...(options.weight ? { weight: options.weight } : {}),
        ...(options.size ? { size: options.size } : {}),
        ...(options.subtle ? { isSubtle: true } : {}),
      },
    ],
  };
}

function entryBlocks(view: AlertView, timeZone: string | undefined, descriptionChars: number): unknown[] {
  const title = `${entryTitle(view)}${view.kind === 'updated' ? ' (updated)' : ''}`;
  const place = `${entryPlace(view)} · ${formatFiledAt(view.filedAt, timeZone)} · ${view.entryClass}`;
  const doc = safeHref(view.documentUrl);
  const description = descriptionChars > 0 ? clip(view.description || '', descriptionChars) : '';
  return [
    {
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        plain(title, { weight: 'Bolder', size: 'Medium' }),
        plain(place, { subtle: true, size: 'Small' }),
        ...(description ? [plain(description)] : []),
        ...(doc
          ? [
              {
                type: 'ActionSet',
                actions: [{ type: 'Action.OpenUrl', title: view.source === 'press' ? 'Read it' : 'Open the document', url: doc }],
              },
            ]
          : []),
      ],
    },
  ];
}

function card(views: AlertView[], timeZone: string | undefined, descriptionChars: number, repeatKey?: string): TeamsMessage {
  const [first] = views;
  const heading = views.length === 1 ? first!.matterName : `${first!.matterName}: ${views.length} new entries`;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            // The heading carries the repeat key as its element id (see repeatKeyOf): Workflows has no idempotency key.
            { ...plain(heading, { weight: 'Bolder', subtle: true }), ...(repeatKey ? { id: repeatKey } : {}) },
            ...views.flatMap((v) => entryBlocks(v, timeZone, descriptionChars)),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'See the whole timeline', url: first!.matterUrl }],
        },
      },
    ],
  };
}

/**
 * An Adaptive Card (1.4, what Teams renders) for one entry or a burst of at most
 * TEAMS_ENTRIES_PER_MESSAGE. Long texts are shortened until the message fits Teams' size limit.
 */
export function renderTeamsMessage(views: AlertView[], options: { timeZone?: string; repeatKey?: string } = {}): TeamsMessage {
  if (views.length === 0) throw new Error('renderTeamsMessage needs at least one entry');
  if (views.length > TEAMS_ENTRIES_PER_MESSAGE) throw new RangeError(`a Teams card carries at most ${TEAMS_ENTRIES_PER_MESSAGE} entries`);
  let message = card(views, options.timeZone, 0, options.repeatKey);
  for (const chars of [4000, 1000, 300]) {
    const candidate = card(views, options.timeZone, chars, options.repeatKey);
    if (Buffer.byteLength(JSON.stringify(candidate)) <= TEAMS_MAX_MESSAGE_BYTES) {
      message = candidate;
      break;
    }
  }
  return message;
}
