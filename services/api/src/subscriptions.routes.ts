import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ITEM_CLASSES, normaliseDocketNumber, signToken, verifyToken, type ItemClass } from '@docketwatch/core';
import {
  confirmSubscription,
  findDocketOfMatter,
  findMatterBySlug,
  findPendingByConfirmHash,
  getSubscription,
  hashToken,
  listDeadDeliveries,
  renewConfirmation,
  replayDelivery,
  unsubscribe,
  upsertSubscription,
  type Matter,
  type Subscription,
  type SubscriptionInput,
} from '@docketwatch/db';
import { channelById, channelIds, channels } from '@docketwatch/notify';
import { requireToken } from './auth';
import type { ApiDeps } from './api-deps';
import { html, page } from './web/layout';

const CLASSES = ITEM_CLASSES as [ItemClass, ...ItemClass[]];

/** What can carry the daily digest, as people say it ("e-mail"). */
const DIGEST_CHANNELS = channels
  .filter((c) => c.digest)
  .map((c) => c.label.toLowerCase())
  .join(' or ');

const subscriptionBody = z
  .object({
    matter: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .optional(),
    /** "court number", e.g. "mdd 8:25-cv-951": one docket of the matter. */
    docket: z.string().max(60).optional(),
    query: z.string().min(2).max(200).optional(),
    channel: z.enum(channelIds),
    target: z.string().max(2000).optional(),
    label: z.string().max(200).optional(),
    classes: z.array(z.enum(CLASSES)).max(CLASSES.length).optional(),
    sources: z.enum(['all', 'courts', 'press']).default('all'),
    mode: z.enum(['immediate', 'digest']).default('immediate'),
    timeZone: z.string().max(64).default('America/New_York'),
    digestHour: z.number().int().min(0).max(23).default(7),
    digestSendEmpty: z.boolean().default(false),
    ownerEmail: z.string().email().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.matter && !b.query) ctx.addIssue({ code: 'custom', message: 'give a matter, a saved search (query), or both' });
    if (b.docket && !b.matter)
      ctx.addIssue({ code: 'custom', path: ['docket'], message: 'a docket belongs to a matter: give the matter too' });
    const channel = channelById(b.channel);
    const destination = channel.destination;
    if (destination.generate && b.target !== undefined)
      ctx.addIssue({ code: 'custom', path: ['target'], message: `${channel.label} takes no target: its address is made for it` });
    if (!destination.generate) {
      const target = destination.schema.safeParse(b.target ?? '');
      if (!target.success)
        ctx.addIssue({ code: 'custom', path: ['target'], message: target.error.issues[0]?.message ?? 'not a destination' });
    }
    if (channel.delivery === 'pull' && !b.matter)
      ctx.addIssue({ code: 'custom', path: ['matter'], message: 'a feed follows a matter (use query to filter it)' });
    if (b.mode === 'digest' && !channel.digest)
      ctx.addIssue({ code: 'custom', path: ['mode'], message: `digests go by ${DIGEST_CHANNELS}` });
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: b.timeZone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'an IANA time zone such as America/New_York' });
    }
  });

function htmlPage(reply: FastifyReply, status: number, title: string, body: ReturnType<typeof html>): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(page(title, body));
}

/**
 * Subscribing. E-mail subscriptions need double opt-in: they stay pending until the link in the
 * confirmation mail is followed and its button pressed. Slack, webhook and feed subscriptions are
 * made with an API token. Unsubscribing is one click (RFC 8058): a POST unsubscribes at once; a GET
 * only shows a page with the button, because mail scanners follow links.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const auth = requireToken(deps.db);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  registerSubscribeRoute(app, deps, auth);
  registerConfirmRoutes(app, deps);
  registerUnsubscribeRoutes(app, deps);
  registerDeadDeliveryRoutes(app, deps, auth);
}

type SubscriptionBody = z.infer<typeof subscriptionBody>;
type PreHandler = ReturnType<typeof requireToken>;

function registerSubscribeRoute(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  app.post('/api/subscriptions', async (req, reply) => {
    const parsed = subscriptionBody.safeParse(req.body);
    if (!parsed.success) {
      return reply
        .status(400)
        .send({ error: 'invalid subscription', issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });
    }
    const b = parsed.data;
    const { destination, delivery } = channelById(b.channel);
    const byEmail = destination.optIn === 'email-confirmation';
    if (!byEmail) {
      await auth(req, reply);
      if (reply.sent) return reply;
    }
    const scope = await resolveScope(deps, b);
    if ('error' in scope) return reply.status(404).send({ error: scope.error });
    const confirmToken = byEmail ? randomBytes(24).toString('base64url') : null;
    const webhookSecret = destination.issueSecret?.() ?? null;
    const sub = await upsertSubscription(deps.db, subscriptionInput(b, scope, { confirmToken, webhookSecret }));
    if (byEmail) return answerEmailSubscription(deps, reply, sub, confirmToken!, scope.matter?.name ?? `"${b.query}"`);
    return reply.status(201).send({
      id: sub.id,
      status: sub.status,
      // The secret is shown once, when it is made; a repeated request keeps the one already issued.
      ...(webhookSecret && sub.webhook_secrets.includes(webhookSecret) ? { webhookSecret } : {}),
      ...(delivery === 'pull'
        ? { feedUrl: `${deps.publicUrl}/feeds/subscriptions/${signToken(deps.linkSecret, 'feed', sub.id)}.atom` }
        : {}),
    });
  });
}

interface SubscriptionScope {
  matter: Matter | undefined;
  docketId: number | null;
}

/** The matter and the one docket of it a subscription follows, or what the request named that does not exist. */
async function resolveScope(deps: ApiDeps, b: SubscriptionBody): Promise<SubscriptionScope | { error: string }> {
  const matter = b.matter ? await findMatterBySlug(deps.db, b.matter) : undefined;
  if (b.matter && !matter) return { error: `no matter "${b.matter}"` };
  if (!b.docket || !matter) return { matter, docketId: null };
  const [court, ...rest] = b.docket.trim().split(/\s+/);
  const docket = await findDocketOfMatter(deps.db, matter.id, court ?? '', normaliseDocketNumber(rest.join(' ')));
  return docket ? { matter, docketId: docket.id } : { error: `no docket "${b.docket}" in ${b.matter}` };
}

function subscriptionInput(
  b: SubscriptionBody,
  scope: SubscriptionScope,
  secrets: { confirmToken: string | null; webhookSecret: string | null },
): SubscriptionInput {
  const { destination } = channelById(b.channel);
  const target = destination.generate?.() ?? destination.normalise?.(b.target!) ?? b.target!;
  return {
    matterId: scope.matter?.id ?? null,
    docketId: scope.docketId,
    channel: b.channel,
    target,
    label: b.label ?? '',
    query: b.query ?? null,
    classes: b.classes ?? null,
    sourceFilter: b.sources,
    mode: b.mode,
    timeZone: b.timeZone,
    digestHour: b.digestHour,
    digestSendEmpty: b.digestSendEmpty,
    ownerEmail: b.ownerEmail ?? null,
    webhookSecrets: secrets.webhookSecret ? [secrets.webhookSecret] : [],
    status: destination.optIn === 'email-confirmation' ? 'pending' : 'active',
    confirmTokenHash: secrets.confirmToken ? hashToken(secrets.confirmToken) : null,
  };
}

async function answerEmailSubscription(
  deps: ApiDeps,
  reply: FastifyReply,
  sub: Subscription,
  confirmToken: string,
  what: string,
): Promise<FastifyReply> {
  if (sub.status === 'active') return reply.status(200).send({ id: sub.id, status: 'active' });
  // A repeated request for a pending subscription gets a fresh link (the old one stops working);
  // one for an address that unsubscribed is pending again, until its new link is confirmed.
  await renewConfirmation(deps.db, sub.id, hashToken(confirmToken));
  await deps.sendConfirmation?.(sub.target, `${deps.publicUrl}/subscriptions/confirm/${confirmToken}`, what);
  return reply.status(202).send({ id: sub.id, status: 'pending', message: 'check your inbox to confirm' });
}

function registerConfirmRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>('/subscriptions/confirm/:token', async (req, reply) => {
    const sub = await findPendingByConfirmHash(deps.db, hashToken(req.params.token));
    if (!sub)
      return htmlPage(
        reply,
        404,
        'Link expired',
        html`<h1>This confirmation link is no longer valid</h1>
          <p>It may have been used already.</p>`,
      );
    return htmlPage(
      reply,
      200,
      'Confirm your subscription',
      html`<h1>Confirm your subscription</h1>
        <p>Alerts will go to ${sub.target}.</p>
        <form method="post"><button type="submit">Confirm</button></form>`,
    );
  });

  app.post<{ Params: { token: string } }>('/subscriptions/confirm/:token', async (req, reply) => {
    const sub = await confirmSubscription(deps.db, hashToken(req.params.token));
    if (!sub) return htmlPage(reply, 404, 'Link expired', html`<h1>This confirmation link is no longer valid</h1>`);
    return htmlPage(
      reply,
      200,
      'Subscribed',
      html`<h1>You are subscribed</h1>
        <p>Alerts will go to ${sub.target}.</p>`,
    );
  });
}

function registerUnsubscribeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>('/u/:token', async (req, reply) => {
    const id = verifyToken(deps.linkSecret, 'unsubscribe', req.params.token);
    const sub = id === null ? undefined : await getSubscription(deps.db, id);
    if (!sub) return htmlPage(reply, 404, 'Not found', html`<h1>This unsubscribe link is not valid</h1>`);
    if (sub.status === 'unsubscribed') return htmlPage(reply, 200, 'Unsubscribed', html`<h1>You are already unsubscribed</h1>`);
    return htmlPage(
      reply,
      200,
      'Unsubscribe',
      html`<h1>Unsubscribe ${sub.channel === 'email' ? sub.target : sub.label || `this ${sub.channel} destination`}?</h1>
        <p>You will stop receiving these alerts.</p>
        <form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" /><button type="submit">Unsubscribe</button>
        </form>`,
    );
  });

  void app.register(async (scope) => {
    // RFC 8058 §3.1: mail receivers SHOULD send the one-click POST as multipart/form-data (MAY as
    // urlencoded). The signed link alone decides, so the body is only read (small) and ignored.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.post<{ Params: { token: string } }>('/u/:token', async (req, reply) => {
      const id = verifyToken(deps.linkSecret, 'unsubscribe', req.params.token);
      if (id === null || !(await getSubscription(deps.db, id)))
        return htmlPage(reply, 404, 'Not found', html`<h1>This unsubscribe link is not valid</h1>`);
      await unsubscribe(deps.db, id);
      return htmlPage(
        reply,
        200,
        'Unsubscribed',
        html`<h1>You are unsubscribed</h1>
          <p>No more alerts will be sent.</p>`,
      );
    });
  });
}

function registerDeadDeliveryRoutes(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  app.get('/api/admin/deliveries/dead', { preHandler: auth }, async () => ({ deliveries: await listDeadDeliveries(deps.db) }));

  app.post<{ Params: { id: string } }>('/api/admin/deliveries/:id/replay', { preHandler: auth }, async (req, reply) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || !(await replayDelivery(deps.db, id)))
      return reply.status(404).send({ error: 'no dead delivery with that id' });
    await deps.onEvents?.(1);
    return reply.status(202).send({ id, status: 'pending' });
  });
}
