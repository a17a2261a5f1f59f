import { repeatKeyOf, type PushChannel } from '../channel';
import { httpsUrlDestination } from '../destination';
import { postMessage } from '../post-message';
import { renderBurstSlack, SLACK_ENTRIES_PER_MESSAGE } from './render-slack';

export { renderEntrySlack, renderBurstSlack, slackLink, SLACK_ENTRIES_PER_MESSAGE, type SlackMessage } from './render-slack';

/** Slack answers these (as 403, 404 or 410) when the webhook, its app or its channel is gone. */
const GONE = /\b(?:invalid_token|channel_not_found|channel_is_archived|no_service|no_team|team_disabled|action_prohibited)\b/;

/**
 * Slack incoming webhooks: Block Kit messages, one a second per webhook (Slack's limit), a burst
 * coalesced into messages of at most 20 entries. The webhook URL is a secret: it never appears in errors.
 */
export const slackChannel: PushChannel = {
  id: 'slack',
  label: 'Slack',
  delivery: 'push',
  destination: httpsUrlDestination('a Slack incoming-webhook URL'),
  digest: false,
  limits: { entriesPerMessage: SLACK_ENTRIES_PER_MESSAGE },
  pacing: { minIntervalMs: 1000 },
  async send(services, alert) {
    const message = renderBurstSlack(alert.views, { timeZone: alert.destination.timeZone, repeatKey: repeatKeyOf(alert) });
    await postMessage(services, alert.destination.target, JSON.stringify(message), {
      what: 'Slack webhook',
      isGone: (status, answer) => status === 403 && GONE.test(answer),
    });
    return { providerMessageId: null };
  },
};
