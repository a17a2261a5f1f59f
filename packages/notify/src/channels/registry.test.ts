import {
  expectDiscordWebhookBody,
  expectNtfyPublishBody,
  expectSlackWebhookBody,
  expectTeamsWorkflowBody,
} from '@docketwatch/test-support';
import type { AlertView } from '../alert-view';
import { channelById, channelIds, channels, findChannel, pushChannelIds, pushChannels } from './registry';
import { renderBurstSlack } from './slack';
import { renderTeamsMessage } from './teams';
import { renderDiscordMessage } from './discord';
import { renderNtfyMessage, ntfyEndpoint } from './ntfy';

/** The longest, most hostile entry a court could print: every renderer must still fit its platform. */
function worstCase(i: number): AlertView {
  const noise = '<!channel> [x](https://evil.example) @everyone **b** ü 日本 '.repeat(400);
  return {
    kind: i % 2 ? 'updated' : 'new',
    source: 'court',
    entryClass: 'order',
    matterName: `Abrego Garcia ${noise}`.slice(0, 300),
    matterUrl: 'https://dw.example.test/matters/abrego-garcia',
    court: 'mdd',
    courtName: 'D. Md.',
    docketNumber: '8:25-cv-00951',
    caseName: noise.slice(0, 500),
    entryNumber: String(i),
    filedAt: '2025-04-07T14:05:00-04:00',
    shortDescription: `ORDER ${i} ${noise}`.slice(0, 2000),
    description: noise,
    documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931306${i}?a=|b>c`,
  };
}

describe('the channel registry', () => {
  it('lists each channel once, by a stable id, and finds it by that id', () => {
    expect(new Set(channelIds).size).toBe(channels.length);
    expect(channelIds).toEqual(expect.arrayContaining(['email', 'slack', 'webhook', 'feed', 'teams', 'discord', 'ntfy']));
    for (const c of channels) expect(channelById(c.id)).toBe(c);
    expect(findChannel('fax')).toBeUndefined();
    expect(() => channelById('fax')).toThrow(/no channel "fax"/);
  });

  it('sends through every channel but the feed, which the subscriber reads', () => {
    expect(pushChannelIds).toEqual(channelIds.filter((id) => id !== 'feed'));
    for (const c of pushChannels) {
      expect(Number.isInteger(c.limits.entriesPerMessage) && c.limits.entriesPerMessage >= 1).toBe(true);
      if (c.pacing) expect(c.pacing.minIntervalMs).toBeGreaterThan(0);
    }
    expect(channelById('webhook')).toMatchObject({ limits: { entriesPerMessage: 1 } });
  });

  it('carries digests by e-mail only', () => {
    expect(channels.filter((c) => c.digest).map((c) => c.id)).toEqual(['email']);
  });
});

describe('destinations', () => {
  const valid = (id: string, target: string) => channelById(id).destination.schema.safeParse(target).success;

  it('takes incoming-webhook URLs over https only (plain http for a loopback stand-in), never with credentials in them', () => {
    for (const id of ['slack', 'webhook', 'teams', 'discord']) {
      expect(valid(id, 'https://hooks.example.com/services/T1/B1/x')).toBe(true);
      expect(valid(id, 'http://127.0.0.1:8080/hook')).toBe(true);
      expect(valid(id, 'http://hooks.example.com/services/T1')).toBe(false);
      expect(valid(id, 'https://user:pass@hooks.example.com/x')).toBe(false);
      expect(valid(id, 'javascript:alert(1)')).toBe(false);
      expect(valid(id, 'not a url')).toBe(false);
    }
  });

  it('takes an ntfy topic URL only when it names a topic', () => {
    expect(valid('ntfy', 'https://ntfy.sh/court-alerts')).toBe(true);
    expect(valid('ntfy', 'https://ntfy.sh/')).toBe(false);
    expect(valid('ntfy', 'https://ntfy.sh/bad topic!')).toBe(false);
    expect(ntfyEndpoint('https://push.example.org/ntfy/court-alerts?auth=abc')).toEqual({
      publishUrl: 'https://push.example.org/ntfy/?auth=abc',
      topic: 'court-alerts',
    });
  });

  it('takes e-mail addresses by double opt-in and compares them lower-cased; a feed makes its own address', () => {
    const email = channelById('email').destination;
    expect(email.optIn).toBe('email-confirmation');
    expect(email.schema.safeParse('desk@newsroom.example').success).toBe(true);
    expect(email.schema.safeParse('not-an-address').success).toBe(false);
    expect(email.normalise?.(' Desk@Newsroom.Example ')).toBe('desk@newsroom.example');
    const feed = channelById('feed').destination;
    expect(feed.generate?.()).toMatch(/^feed:[0-9a-f]{16}$/);
    expect(feed.schema.safeParse('').success).toBe(true);
    expect(feed.schema.safeParse('https://x.test').success).toBe(false);
    for (const id of ['slack', 'webhook', 'teams', 'discord', 'ntfy']) expect(channelById(id).destination.optIn).toBe('api-key');
  });
});

describe('every entry fits: the largest burst of the worst text stays within each platform’s documented limits', () => {
  const burst = (n: number) => Array.from({ length: n }, (_, i) => worstCase(i + 1));

  it('Slack', () => {
    const max = channelById('slack');
    const message = renderBurstSlack(burst(max.delivery === 'push' ? max.limits.entriesPerMessage : 0));
    expectSlackWebhookBody(message);
    expect(() => renderBurstSlack(burst(21))).toThrow(RangeError);
  });

  it('Microsoft Teams', () => {
    expectTeamsWorkflowBody(renderTeamsMessage(burst(10)));
    expectTeamsWorkflowBody(renderTeamsMessage(burst(1)));
    expect(() => renderTeamsMessage(burst(11))).toThrow(RangeError);
  });

  it('Discord', () => {
    const message = renderDiscordMessage(burst(10));
    expectDiscordWebhookBody(message);
    expect(message.embeds).toHaveLength(10);
    expectDiscordWebhookBody(renderDiscordMessage(burst(1)));
    expect(() => renderDiscordMessage(burst(11))).toThrow(RangeError);
  });

  it('ntfy', () => {
    expectNtfyPublishBody(renderNtfyMessage('court-alerts', burst(5)));
    expectNtfyPublishBody(renderNtfyMessage('court-alerts', burst(1)));
    expect(() => renderNtfyMessage('court-alerts', burst(6))).toThrow(RangeError);
  });

  it('keeps a URL from breaking out of a Slack link', () => {
    const message = renderBurstSlack(burst(2));
    const mrkdwn = [message.text, ...JSON.stringify(message.blocks).matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].join('\n');
    expect(mrkdwn).toContain('09313061?a=%7Cb%3Ec|');
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(mrkdwn).not.toContain('<!channel>');
  });
});
