import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PullChannel } from '../channel';

/**
 * A private Atom feed of one subscription, with its filters: the subscriber's reader fetches it
 * through a signed link, so nothing is sent. Its stored target is a random name, not an address.
 */
export const feedChannel: PullChannel = {
  id: 'feed',
  label: 'Atom feed',
  delivery: 'pull',
  destination: {
    schema: z.string().max(0, 'a feed takes no target: its address is made for it'),
    optIn: 'api-key',
    generate: () => `feed:${randomBytes(8).toString('hex')}`,
  },
  digest: false,
};
