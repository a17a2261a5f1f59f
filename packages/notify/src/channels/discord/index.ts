import type { PushChannel } from '../channel';
import { httpsUrlDestination } from '../destination';
import { postMessage } from '../post-message';
import { DISCORD_ENTRIES_PER_MESSAGE, renderDiscordMessage } from './render-discord';

export { renderDiscordMessage, escapeDiscord, DISCORD_ENTRIES_PER_MESSAGE, type DiscordMessage } from './render-discord';

/**
 * Discord webhooks: embeds, at most 10 entries a message, one message every two seconds per webhook
 * (Discord allows 30 a minute in a channel). A deleted webhook answers 404 (Unknown Webhook) and a
 * revoked token 401: the destination is gone.
 */
export const discordChannel: PushChannel = {
  id: 'discord',
  label: 'Discord',
  delivery: 'push',
  destination: httpsUrlDestination('a Discord webhook URL'),
  digest: false,
  limits: { entriesPerMessage: DISCORD_ENTRIES_PER_MESSAGE },
  pacing: { minIntervalMs: 2000 },
  async send(services, alert) {
    const message = renderDiscordMessage(alert.views, { timeZone: alert.destination.timeZone });
    await postMessage(services, alert.destination.target, JSON.stringify(message), {
      what: 'Discord webhook',
      isGone: (status) => status === 401,
    });
    return { providerMessageId: null };
  },
};
