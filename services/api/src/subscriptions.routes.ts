import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normaliseDocketNumber, signToken, verifyToken } from '@docketwatch/core';
import {
  confirmSubscription,
  findDocketOfMatter,
  findMatterBySlug,
  findPendingByConfirmHash,
  getSubscription,
  hashToken,
  listDeadDeliveries,
  replayDelivery,
  requestSubscription,
  unsubscribe,
  upsertSubscription,
  type Matter,
  type SubscriptionInput,
} from '@docketwatch/db';
import { channelById, channelIds, manageLinkUrl, renderAlreadySubscribedEmail, renderConfirmationEmail } from '@docketwatch/notify';
import { requireToken } from './auth';
import type { ApiDeps } from './api-deps';
import { pageSchema, problemSchema } from './api-schemas';
import { sendProblem } from './problem';
import { takeMailQuota } from './rate-limit';
import { mailManageLink, registerManageRoutes } from './manage.routes';
import { CLASSES, DIGEST_CHANNELS, describeScope, describeSettings, isTimeZone } from './subscription-view';
import { formToken, isFormTokenValid } from './web/form-token';
import { htmlPage } from './web/html-page';
import { html } from './web/layout';

/** A confirmation link works once, within this time. */
const CONFIRM_TTL_MS = 48 * 3600 * 1000;

/**
 * The one answer to every anonymous e-mail subscription request, whether the address is new,
 * pending or already subscribed, so the answer tells nobody which (the mail itself goes to the owner).
 */
const REQUEST_ANSWER = { status: 'pending', message: 'check your inbox to confirm' } as const;

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
    newCases: z.boolean().default(false).describe('also tell of new cases found for the matter by its discovery rule'),
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
    if (!isTimeZone(b.timeZone))
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'an IANA time zone such as America/New_York' });
  });

/**
 * Subscribing. E-mail subscriptions need double opt-in: they stay pending until the link in the
 * confirmation mail is followed and its button pressed, and an anonymous request never changes a
 * subscription the address already has (its owner changes it on the manage page). Slack, webhook
 * and feed subscriptions are made with an API token. Unsubscribing is one click (RFC 8058): a POST
 * unsubscribes at once; a GET only shows a page with the button, because mail scanners follow links.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const auth = requireToken(deps.db, 'subscriptions:write');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) =>
    done(null, formFields(String(body))),
  );
  registerSubscribeRoute(app, deps, auth);
  registerSubscribeForm(app, deps);
  registerConfirmRoutes(app, deps);
  registerUnsubscribeRoutes(app, deps);
  registerDeadDeliveryRoutes(app, deps, requireToken(deps.db, 'admin'));
  registerManageRoutes(app, deps, auth);
}

/** Form fields by name; a name given more than once (checkboxes) keeps every value, in order. */
function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return fields;
}

type SubscriptionBody = z.infer<typeof subscriptionBody>;

const subscribeSchema = {
  summary: 'Subscribe: by e-mail (double opt-in, no token) or to Slack, a webhook, a feed… (with a subscriptions:write token)',
  description:
    'An e-mail request always answers 202 the same way, whether the address is new, pending or subscribed; the mail goes to the address. A request never changes an existing subscription: its owner does, from the manage page.',
  security: [{}, { apiToken: [] }] as Record<string, string[]>[],
  // Checked by the handler (INVALID_SUBSCRIPTION names each field); attached here to be documented.
  body: subscriptionBody,
  response: {
    201: z.object({
      id: z.number().int(),
      status: z.string(),
      webhookSecret: z.string().optional().describe('shown once, when it is made: the webhook signing secret'),
      feedUrl: z.string().optional().describe('for feeds: the subscription’s own Atom feed'),
    }),
    202: z.object({ status: z.literal('pending'), message: z.string() }).describe('e-mail: the same answer for every address'),
    400: problemSchema.describe('INVALID_SUBSCRIPTION'),
    401: problemSchema,
    403: problemSchema,
    404: problemSchema.describe('MATTER_NOT_FOUND or DOCKET_NOT_FOUND'),
    429: problemSchema.describe('RATE_LIMITED, with Retry-After'),
  },
};
type PreHandler = ReturnType<typeof requireToken>;

function registerSubscribeRoute(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post('/api/subscriptions', { attachValidation: true, schema: subscribeSchema }, async (req, reply) => {
      const parsed = subscriptionBody.safeParse(req.body);
      if (!parsed.success) {
        return sendProblem(
          reply,
          400,
          'INVALID_SUBSCRIPTION',
          'the subscription request has invalid values',
          parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        );
      }
      const b = parsed.data;
      const { destination, delivery } = channelById(b.channel);
      const byEmail = destination.optIn === 'email-confirmation';
      if (!byEmail) {
        await auth(req, reply);
        if (reply.sent) return reply;
      }
      const scope = await resolveScope(deps, b);
      if ('error' in scope) return sendProblem(reply, 404, scope.code, scope.error);
      if (byEmail) {
        const input = subscriptionInput(b, scope, null);
        // Counted by the stored (normalised) address, so Victim@ and victim@ share one quota.
        await takeMailQuota(req, reply, input.target);
        await requestByEmail(deps, input, scope.matter?.name ?? `"${b.query}"`);
        return reply.status(202).send(REQUEST_ANSWER);
      }
      const webhookSecret = destination.issueSecret?.() ?? null;
      const sub = await upsertSubscription(deps.db, subscriptionInput(b, scope, webhookSecret));
      // The owner manages it (pause, filters, delete) from the same page as their e-mail alerts.
      if (sub.owner_email) await mailManageLink(deps, sub.owner_email);
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
async function resolveScope(
  deps: ApiDeps,
  b: SubscriptionBody,
): Promise<SubscriptionScope | { code: 'MATTER_NOT_FOUND' | 'DOCKET_NOT_FOUND'; error: string }> {
  const matter = b.matter ? await findMatterBySlug(deps.db, b.matter) : undefined;
  if (b.matter && !matter) return { code: 'MATTER_NOT_FOUND', error: `no matter "${b.matter}"` };
  if (!b.docket || !matter) return { matter, docketId: null };
  const [court, ...rest] = b.docket.trim().split(/\s+/);
  const docket = await findDocketOfMatter(deps.db, matter.id, court ?? '', normaliseDocketNumber(rest.join(' ')));
  return docket ? { matter, docketId: docket.id } : { code: 'DOCKET_NOT_FOUND', error: `no docket "${b.docket}" in ${b.matter}` };
}

function subscriptionInput(b: SubscriptionBody, scope: SubscriptionScope, webhookSecret: string | null): SubscriptionInput {
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
    newCases: b.newCases,
    mode: b.mode,
    timeZone: b.timeZone,
    digestHour: b.digestHour,
    digestSendEmpty: b.digestSendEmpty,
    ownerEmail: b.ownerEmail?.toLowerCase() ?? null,
    webhookSecrets: webhookSecret ? [webhookSecret] : [],
    status: 'active',
  };
}

/**
 * An anonymous request for e-mail alerts. A subscription the address already has stays as it is,
 * and its owner is mailed a link to manage it; otherwise the owner is mailed a single-use link that
 * confirms the requested settings. The answer is the same either way.
 */
async function requestByEmail(deps: ApiDeps, input: SubscriptionInput, what: string): Promise<void> {
  const confirmToken = randomBytes(24).toString('base64url');
  const request = await requestSubscription(deps.db, input, {
    tokenHash: hashToken(confirmToken),
    expiresAt: new Date(Date.now() + CONFIRM_TTL_MS),
  });
  const mail =
    request.outcome === 'existing'
      ? renderAlreadySubscribedEmail(what, manageLinkUrl(deps.publicUrl, deps.linkSecret, request.subscription.id))
      : renderConfirmationEmail(what, `${deps.publicUrl}/subscriptions/confirm/${confirmToken}`);
  await deps.sendMail?.(request.subscription.target, mail);
}

/**
 * The subscribe form of the matter and search pages: the same request as the API's, answered with
 * a page. It needs no form token: all it can do is mail a confirmation link to the address given,
 * which the mail quota bounds, and nothing changes until the address's owner follows that link.
 */
function registerSubscribeForm(app: FastifyInstance, deps: ApiDeps): void {
  app.post<{ Body: Record<string, string | string[] | undefined> | undefined }>(
    '/subscribe',
    { schema: pageSchema('The subscribe form’s post: the same request as POST /api/subscriptions by e-mail, answered with a page') },
    async (req, reply) => {
      const form = req.body ?? {};
      const one = (name: string) => (Array.isArray(form[name]) ? form[name][0] : form[name]) || undefined;
      const classes = [form.classes ?? []].flat().filter(Boolean);
      const parsed = subscriptionBody.safeParse({
        ...(one('matter') ? { matter: one('matter') } : {}),
        ...(one('query') ? { query: one('query') } : {}),
        channel: 'email',
        target: one('email') ?? '',
        ...(classes.length > 0 ? { classes } : {}),
        sources: one('sources') ?? 'all',
        newCases: one('newCases') === 'on',
        mode: one('mode') ?? 'immediate',
        timeZone: one('timeZone') ?? 'America/New_York',
        digestHour: Number(one('digestHour') ?? 7),
      });
      const backTo = one('matter')
        ? `/matters/${encodeURIComponent(one('matter')!)}`
        : `/search?q=${encodeURIComponent(one('query') ?? '')}`;
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`);
        return htmlPage(
          reply,
          400,
          'Check the form',
          html`<h1>Some answers need another look</h1>
            <ul>
              ${issues.map((i) => html`<li>${i}</li>`)}
            </ul>
            <p><a href="${backTo}">Back to the form</a></p>`,
        );
      }
      const scope = await resolveScope(deps, parsed.data);
      if ('error' in scope) return htmlPage(reply, 404, 'Not found', html`<h1>${scope.error}</h1>`);
      const input = subscriptionInput(parsed.data, scope, null);
      await takeMailQuota(req, reply, input.target);
      await requestByEmail(deps, input, scope.matter?.name ?? `"${parsed.data.query}"`);
      return htmlPage(
        reply,
        202,
        'Check your inbox',
        html`<h1>Check your inbox</h1>
          <p>
            If this address can get alerts, a message is on its way to it: follow its link to confirm (or, if you already get these alerts,
            to manage them). Nothing else is sent until then.
          </p>
          <p><a href="/">Back to the matters</a></p>`,
      );
    },
  );
}

const INVALID_CONFIRM_LINK = html`<h1>This confirmation link is no longer valid</h1>
  <p>It has been used already, or it is more than two days old. Ask for alerts again to get a new one.</p>`;

function registerConfirmRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>(
    '/subscriptions/confirm/:token',
    { schema: pageSchema('The confirmation page: names what it confirms, with the button that does', 'token') },
    async (req, reply) => {
      const sub = await findPendingByConfirmHash(deps.db, hashToken(req.params.token));
      if (!sub) return htmlPage(reply, 404, 'Link expired', INVALID_CONFIRM_LINK);
      return htmlPage(
        reply,
        200,
        'Confirm your subscription',
        html`<h1>Confirm your subscription</h1>
          <p>Alerts about <strong>${await describeScope(deps.db, sub)}</strong> will go to ${sub.target}.</p>
          <p>What you will get: ${describeSettings(sub)}.</p>
          <form method="post">
            <input type="hidden" name="csrf" value="${formToken(deps.linkSecret, req.params.token)}" /><button type="submit">
              Confirm
            </button>
          </form>`,
      );
    },
  );

  app.post<{ Params: { token: string }; Body: Record<string, unknown> | undefined }>(
    '/subscriptions/confirm/:token',
    { schema: pageSchema('Confirm a subscription (the button’s post; the link works once, for 48 hours)', 'token') },
    async (req, reply) => {
      if (!isFormTokenValid(deps.linkSecret, req.params.token, req.body?.csrf))
        return htmlPage(
          reply,
          403,
          'Not confirmed',
          html`<h1>Nothing was confirmed</h1>
            <p>Open the link from your mail and press Confirm there.</p>`,
        );
      const sub = await confirmSubscription(deps.db, hashToken(req.params.token));
      if (!sub) return htmlPage(reply, 404, 'Link expired', INVALID_CONFIRM_LINK);
      return htmlPage(
        reply,
        200,
        'Subscribed',
        html`<h1>You are subscribed</h1>
          <p>Alerts about <strong>${await describeScope(deps.db, sub)}</strong> will go to ${sub.target}.</p>
          <p><a href="${manageLinkUrl(deps.publicUrl, deps.linkSecret, sub.id)}">Manage your alerts</a></p>`,
      );
    },
  );
}

function registerUnsubscribeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>(
    '/u/:token',
    { schema: pageSchema('The unsubscribe page: names what it ends, with the button (mail scanners follow links)', 'token') },
    async (req, reply) => {
      const id = verifyToken(deps.linkSecret, 'unsubscribe', req.params.token);
      const sub = id === null ? undefined : await getSubscription(deps.db, id);
      if (!sub) return htmlPage(reply, 404, 'Not found', html`<h1>This unsubscribe link is not valid</h1>`);
      if (sub.status === 'unsubscribed') return htmlPage(reply, 200, 'Unsubscribed', html`<h1>You are already unsubscribed</h1>`);
      return htmlPage(
        reply,
        200,
        'Unsubscribe',
        html`<h1>Unsubscribe ${sub.channel === 'email' ? sub.target : sub.label || `this ${sub.channel} destination`}?</h1>
          <p>You will stop receiving alerts about <strong>${await describeScope(deps.db, sub)}</strong>.</p>
          <form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" /><button type="submit">Unsubscribe</button>
          </form>`,
      );
    },
  );

  void app.register(async (scope) => {
    // RFC 8058 §3.1: mail receivers SHOULD send the one-click POST as multipart/form-data (MAY as
    // urlencoded). The signed link alone decides, so the body is only read (small) and ignored.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.post<{ Params: { token: string } }>(
      '/u/:token',
      { schema: pageSchema('Unsubscribe at once: RFC 8058 one-click, and the page’s button', 'token') },
      async (req, reply) => {
        const id = verifyToken(deps.linkSecret, 'unsubscribe', req.params.token);
        if (id === null || !(await getSubscription(deps.db, id)))
          return htmlPage(reply, 404, 'Not found', html`<h1>This unsubscribe link is not valid</h1>`);
        await unsubscribe(deps.db, id);
        const sub = (await getSubscription(deps.db, id))!;
        return htmlPage(
          reply,
          200,
          'Unsubscribed',
          html`<h1>You are unsubscribed</h1>
            <p>No more alerts about <strong>${await describeScope(deps.db, sub)}</strong> will be sent.</p>`,
        );
      },
    );
  });
}

const deadDelivery = z.object({
  id: z.number().int(),
  event_id: z.number().int(),
  subscription_id: z.number().int(),
  channel: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.iso.datetime({ offset: true }),
  claimed_at: z.iso.datetime({ offset: true }).nullable(),
  sent_at: z.iso.datetime({ offset: true }).nullable(),
  last_error: z.string().nullable(),
  provider_message_id: z.string().nullable(),
  created_at: z.iso.datetime({ offset: true }),
});

function registerDeadDeliveryRoutes(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const guarded = { 401: problemSchema, 403: problemSchema } as const;
  const security = [{ apiToken: [] }];
  routes.get(
    '/api/admin/deliveries/dead',
    {
      preHandler: auth,
      schema: {
        summary: 'Deliveries that failed for good, newest first (at most 100)',
        security,
        response: { 200: z.object({ deliveries: z.array(deadDelivery) }), ...guarded },
      },
    },
    async () => ({
      deliveries: (await listDeadDeliveries(deps.db)).map((d) => ({
        ...d,
        next_attempt_at: d.next_attempt_at.toISOString(),
        claimed_at: d.claimed_at?.toISOString() ?? null,
        sent_at: d.sent_at?.toISOString() ?? null,
        created_at: d.created_at.toISOString(),
      })),
    }),
  );

  const replaySchema = {
    summary: 'Send a dead delivery again',
    security,
    params: z.object({ id: z.string() }),
    response: {
      202: z.object({ id: z.number().int(), status: z.literal('pending') }),
      404: problemSchema.describe('DELIVERY_NOT_FOUND'),
      ...guarded,
    },
  };
  routes.post('/api/admin/deliveries/:id/replay', { preHandler: auth, schema: replaySchema }, async (req, reply) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || !(await replayDelivery(deps.db, id)))
      return sendProblem(reply, 404, 'DELIVERY_NOT_FOUND', 'no dead delivery with that id');
    await deps.onEvents?.(1);
    return reply.status(202).send({ id, status: 'pending' as const });
  });
}
