import type { Channel, PushChannel } from './channel';
import { discordChannel } from './discord';
import { emailChannel } from './email';
import { feedChannel } from './feed';
import { ntfyChannel } from './ntfy';
import { slackChannel } from './slack';
import { teamsChannel } from './teams';
import { webhookChannel } from './webhook';

/**
 * Every channel docketwatch can alert through. This list is the one source of truth: the API's and
 * the catalogue's schemas, fan-out and the sender all read it. Adding a channel is a folder here and
 * a line below.
 */
export const channels: readonly Channel[] = [
  emailChannel,
  slackChannel,
  webhookChannel,
  feedChannel,
  teamsChannel,
  discordChannel,
  ntfyChannel,
];

export const channelIds = channels.map((c) => c.id) as [string, ...string[]];

export function findChannel(id: string): Channel | undefined {
  return channels.find((c) => c.id === id);
}

/** The channel of a stored subscription; an unknown id is a bug or a downgrade, never guessed at. */
export function channelById(id: string): Channel {
  const channel = findChannel(id);
  if (!channel) throw new Error(`no channel "${id}" (known: ${channelIds.join(', ')})`);
  return channel;
}

/** Channels docketwatch sends to (fan-out makes deliveries only for these). */
export const pushChannels: readonly PushChannel[] = channels.filter((c): c is PushChannel => c.delivery === 'push');

export const pushChannelIds: readonly string[] = pushChannels.map((c) => c.id);
