/**
 * What chat and push platforms accept, as their documentation states it. The stand-ins in the
 * channel tests hold every body docketwatch posts to these, so a renderer that drifts from a
 * platform's format fails here rather than silently at a newsroom's Teams or Discord.
 *
 * Sources: Microsoft's "Create incoming webhooks with Workflows for Microsoft Teams" and the
 * Adaptive Cards 1.4 schema (adaptivecards.io); Discord's "Execute Webhook" and "Embed Limits"
 * (discord.com/developers/docs/resources/webhook, …/resources/message#embed-object-embed-limits);
 * ntfy's "Publish as JSON" (docs.ntfy.sh/publish/#publish-as-json) and its message limit (4,096
 * bytes before a message becomes an attachment); Slack's incoming webhooks and Block Kit limits.
 */

function fail(platform: string, why: string): never {
  throw new Error(`${platform}: ${why}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function onlyKeys(platform: string, where: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0) fail(platform, `${where} has fields the platform does not define: ${extra.join(', ')}`);
}

const TEAMS = 'Teams Workflows';
const TEAMS_MAX_BYTES = 28 * 1024;
const CARD_ELEMENTS = new Set(['TextBlock', 'RichTextBlock', 'Container', 'ActionSet', 'ColumnSet', 'FactSet', 'Image']);

function expectCardElement(element: unknown, where: string): void {
  if (!isRecord(element) || typeof element.type !== 'string' || !CARD_ELEMENTS.has(element.type)) {
    fail(TEAMS, `${where} is not an Adaptive Card 1.4 element`);
  }
  if (element.id !== undefined && (typeof element.id !== 'string' || element.id === ''))
    fail(TEAMS, `${where}: an element id is a non-empty string`);
  if (element.type === 'TextBlock' && typeof element.text !== 'string') fail(TEAMS, `${where}: a TextBlock needs text`);
  if (element.type === 'RichTextBlock') {
    if (!Array.isArray(element.inlines) || element.inlines.length === 0) fail(TEAMS, `${where}: a RichTextBlock needs inlines`);
    element.inlines.forEach((run, i) => {
      if (!isRecord(run) || run.type !== 'TextRun' || typeof run.text !== 'string') fail(TEAMS, `${where}.inlines[${i}] is not a TextRun`);
    });
  }
  if (element.type === 'Container') {
    if (!Array.isArray(element.items)) fail(TEAMS, `${where}: a Container needs items`);
    element.items.forEach((item, i) => expectCardElement(item, `${where}.items[${i}]`));
  }
  if (element.type === 'ActionSet') expectCardActions(element.actions, `${where}.actions`);
}

function expectCardActions(actions: unknown, where: string): void {
  if (!Array.isArray(actions)) fail(TEAMS, `${where} is not a list`);
  actions.forEach((action, i) => {
    if (!isRecord(action) || action.type !== 'Action.OpenUrl' || typeof action.title !== 'string' || !isHttpUrl(action.url)) {
      fail(TEAMS, `${where}[${i}] is not an Action.OpenUrl with a title and an http(s) url`);
    }
  });
}

/** A Workflows "post to a channel when a webhook request is received" body: a message with one Adaptive Card. */
export function expectTeamsWorkflowBody(body: unknown): void {
  if (Buffer.byteLength(JSON.stringify(body)) > TEAMS_MAX_BYTES) fail(TEAMS, 'message over 28 KB');
  if (!isRecord(body) || body.type !== 'message' || !Array.isArray(body.attachments) || body.attachments.length !== 1) {
    fail(TEAMS, 'not { type: "message", attachments: [one card] }');
  }
  const [attachment] = body.attachments as unknown[];
  if (!isRecord(attachment) || attachment.contentType !== 'application/vnd.microsoft.card.adaptive' || !isRecord(attachment.content)) {
    fail(TEAMS, 'the attachment is not an Adaptive Card');
  }
  const card = attachment.content;
  if (card.type !== 'AdaptiveCard' || typeof card.version !== 'string' || !/^1\.[0-5]$/.test(card.version)) {
    fail(TEAMS, 'content is not an AdaptiveCard of a version Teams renders (1.0–1.5)');
  }
  if (!Array.isArray(card.body) || card.body.length === 0) fail(TEAMS, 'the card has no body');
  card.body.forEach((element, i) => expectCardElement(element, `body[${i}]`));
  if (card.actions !== undefined) expectCardActions(card.actions, 'actions');
}

const DISCORD = 'Discord webhook';
const DISCORD_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, footer: 2048, total: 6000 };

/** An Execute Webhook JSON body with embeds, within every documented embed limit. */
export function expectDiscordWebhookBody(body: unknown): void {
  if (!isRecord(body)) fail(DISCORD, 'not a JSON object');
  onlyKeys(DISCORD, 'the body', body, ['content', 'username', 'avatar_url', 'tts', 'embeds', 'allowed_mentions', 'flags', 'thread_name']);
  if (body.content !== undefined && (typeof body.content !== 'string' || body.content.length > DISCORD_LIMITS.content)) {
    fail(DISCORD, 'content is not a string of at most 2000 characters');
  }
  if (!Array.isArray(body.embeds) || body.embeds.length === 0 || body.embeds.length > DISCORD_LIMITS.embeds) {
    fail(DISCORD, 'embeds is not a list of 1 to 10');
  }
  let total = 0;
  body.embeds.forEach((embed, i) => {
    if (!isRecord(embed)) fail(DISCORD, `embeds[${i}] is not an object`);
    onlyKeys(DISCORD, `embeds[${i}]`, embed, [
      'title',
      'type',
      'description',
      'url',
      'timestamp',
      'color',
      'footer',
      'image',
      'thumbnail',
      'author',
      'fields',
    ]);
    const title = typeof embed.title === 'string' ? embed.title : '';
    const description = typeof embed.description === 'string' ? embed.description : '';
    const footer = isRecord(embed.footer) && typeof embed.footer.text === 'string' ? embed.footer.text : '';
    if (title.length > DISCORD_LIMITS.title) fail(DISCORD, `embeds[${i}].title over 256 characters`);
    if (description.length > DISCORD_LIMITS.description) fail(DISCORD, `embeds[${i}].description over 4096 characters`);
    if (footer.length > DISCORD_LIMITS.footer) fail(DISCORD, `embeds[${i}].footer.text over 2048 characters`);
    if (embed.url !== undefined && !isHttpUrl(embed.url)) fail(DISCORD, `embeds[${i}].url is not an http(s) URL`);
    if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp))))
      fail(DISCORD, `embeds[${i}].timestamp is not ISO 8601`);
    total += title.length + description.length + footer.length;
  });
  if (total > DISCORD_LIMITS.total) fail(DISCORD, `embeds hold ${total} characters, over 6000`);
  if (body.allowed_mentions !== undefined) {
    const mentions = body.allowed_mentions;
    if (!isRecord(mentions) || !Array.isArray(mentions.parse) || mentions.parse.some((p) => !['roles', 'users', 'everyone'].includes(p))) {
      fail(DISCORD, 'allowed_mentions.parse is not a list of roles, users, everyone');
    }
  }
}

const NTFY = 'ntfy';

/** A "publish as JSON" body: a topic and a message that stays a message (at most 4096 bytes). */
export function expectNtfyPublishBody(body: unknown): void {
  if (!isRecord(body)) fail(NTFY, 'not a JSON object');
  onlyKeys(NTFY, 'the body', body, [
    'topic',
    'message',
    'title',
    'tags',
    'priority',
    'actions',
    'click',
    'attach',
    'markdown',
    'icon',
    'filename',
    'delay',
    'email',
    'call',
  ]);
  if (typeof body.topic !== 'string' || !/^[-_A-Za-z0-9]{1,64}$/.test(body.topic)) fail(NTFY, 'topic is not a topic name');
  if (typeof body.message !== 'string' || Buffer.byteLength(body.message) > 4096)
    fail(NTFY, 'message is not a string of at most 4096 bytes');
  if (body.title !== undefined && typeof body.title !== 'string') fail(NTFY, 'title is not a string');
  if (body.tags !== undefined && (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string')))
    fail(NTFY, 'tags is not a list of strings');
  if (body.priority !== undefined && (!Number.isInteger(body.priority) || (body.priority as number) < 1 || (body.priority as number) > 5)) {
    fail(NTFY, 'priority is not 1 to 5');
  }
  if (body.click !== undefined && !isHttpUrl(body.click)) fail(NTFY, 'click is not an http(s) URL');
  if (body.actions !== undefined) {
    if (!Array.isArray(body.actions) || body.actions.length > 3) fail(NTFY, 'actions is not a list of at most 3');
    body.actions.forEach((a, i) => {
      if (!isRecord(a) || a.action !== 'view' || typeof a.label !== 'string' || !isHttpUrl(a.url))
        fail(NTFY, `actions[${i}] is not a view action`);
    });
  }
}

const SLACK = 'Slack webhook';

/** mrkdwn that Slack would read as a mention or command (<!channel>, <@U123>) rather than a link. */
function expectNoSlackControls(text: string, where: string): void {
  for (const m of text.matchAll(/<([^>]*)>/g)) {
    if (!/^https?:\/\/[^|<>\s]+\|[^<>]*$/.test(m[1]!) && !/^https?:\/\/[^|<>\s]+$/.test(m[1]!))
      fail(SLACK, `${where} holds a control sequence <${m[1]}>`);
  }
}

/** An incoming-webhook body: fallback text and Block Kit blocks within their limits, no stray controls. */
export function expectSlackWebhookBody(body: unknown): void {
  if (!isRecord(body) || typeof body.text !== 'string') fail(SLACK, 'no text');
  expectNoSlackControls(body.text, 'text');
  if (!Array.isArray(body.blocks) || body.blocks.length > 50) fail(SLACK, 'blocks is not a list of at most 50');
  const blockIds = new Set<string>();
  body.blocks.forEach((block, i) => {
    if (!isRecord(block)) fail(SLACK, `blocks[${i}] is not an object`);
    if (block.block_id !== undefined) {
      // Block Kit: a block_id is at most 255 characters and unique within its message.
      if (typeof block.block_id !== 'string' || block.block_id.length > 255 || blockIds.has(block.block_id))
        fail(SLACK, `blocks[${i}] block_id is not a unique string of at most 255`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'header') {
      if (!isRecord(block.text) || block.text.type !== 'plain_text' || String(block.text.text).length > 150)
        fail(SLACK, `blocks[${i}] header over 150`);
    } else if (block.type === 'section') {
      if (!isRecord(block.text) || typeof block.text.text !== 'string' || block.text.text.length > 3000)
        fail(SLACK, `blocks[${i}] section over 3000`);
      expectNoSlackControls(block.text.text, `blocks[${i}]`);
    } else if (block.type === 'context') {
      if (!Array.isArray(block.elements) || block.elements.length > 10) fail(SLACK, `blocks[${i}] context over 10 elements`);
    } else {
      fail(SLACK, `blocks[${i}] is a ${String(block.type)} block, which docketwatch does not send`);
    }
  });
}
