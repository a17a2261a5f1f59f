import { repeatKeyOf, type PushChannel } from '../channel';
import { httpsUrlDestination } from '../destination';
import { postMessage } from '../post-message';
import { renderTeamsMessage, TEAMS_ENTRIES_PER_MESSAGE } from './render-teams';

export { renderTeamsMessage, TEAMS_ENTRIES_PER_MESSAGE, TEAMS_MAX_MESSAGE_BYTES, type TeamsMessage } from './render-teams';

/**
 * Microsoft Teams through a Workflows (Power Automate) incoming webhook: an Adaptive Card per
 * message. Workflows answers 202 once it has taken the message. A flow that was deleted answers
 * 404; one whose signed URL no longer holds answers 401 or 403: the destination is gone.
 */
export const teamsChannel: PushChannel = {
  id: 'teams',
  label: 'Microsoft Teams',
  delivery: 'push',
  destination: httpsUrlDestination('a Teams Workflows webhook URL'),
  digest: false,
  limits: { entriesPerMessage: TEAMS_ENTRIES_PER_MESSAGE },
  pacing: { minIntervalMs: 1000 },
  async send(services, alert) {
    const message = renderTeamsMessage(alert.views, { timeZone: alert.destination.timeZone, repeatKey: repeatKeyOf(alert) });
    await postMessage(services, alert.destination.target, JSON.stringify(message), {
      what: 'Teams workflow',
      isGone: (status) => status === 401 || status === 403,
    });
    return { providerMessageId: null };
  },
};
