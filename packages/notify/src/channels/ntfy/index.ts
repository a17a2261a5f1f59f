import { z } from 'zod';
import type { PushChannel } from '../channel';
import { httpsUrlDestination } from '../destination';
import { postMessage } from '../post-message';
import { ntfyEndpoint, NTFY_ENTRIES_PER_MESSAGE, renderNtfyMessage } from './render-ntfy';

export { renderNtfyMessage, ntfyEndpoint, NTFY_ENTRIES_PER_MESSAGE, type NtfyMessage } from './render-ntfy';

const topicUrl = httpsUrlDestination('an ntfy topic URL such as https://ntfy.sh/my-topic');

/**
 * ntfy push notifications to phones: a topic URL on ntfy.sh or a self-hosted server (a protected
 * topic takes its token in the URL's `auth` parameter, as ntfy documents). Published as JSON to the
 * server root; a topic the token may no longer write to (401, 403) is gone.
 */
export const ntfyChannel: PushChannel = {
  id: 'ntfy',
  label: 'ntfy (phone push)',
  delivery: 'push',
  destination: {
    ...topicUrl,
    schema: topicUrl.schema.pipe(
      z.string().refine((url) => {
        try {
          ntfyEndpoint(url);
          return true;
        } catch {
          return false;
        }
      }, 'an ntfy topic URL ends in the topic name'),
    ),
  },
  digest: false,
  limits: { entriesPerMessage: NTFY_ENTRIES_PER_MESSAGE },
  pacing: { minIntervalMs: 1000 },
  async send(services, alert) {
    const { publishUrl, topic } = ntfyEndpoint(alert.destination.target);
    const message = renderNtfyMessage(topic, alert.views, { timeZone: alert.destination.timeZone });
    await postMessage(services, publishUrl, JSON.stringify(message), {
      what: 'ntfy server',
      isGone: (status) => status === 401 || status === 403,
    });
    return { providerMessageId: null };
  },
};
