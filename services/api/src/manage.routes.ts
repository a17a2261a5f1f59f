import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { verifyExpiringToken } from '@docketwatch/core';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptionsOfAddress,
  setSubscriptionPaused,
  unsubscribe,
  updateSubscriptionSettings,
  type Subscription,
} from '@docketwatch/db';
import { channelById, emailDestination, manageLinkUrl, renderManageLinkEmail } from '@docketwatch/notify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { requireToken } from './auth';
import type { ApiDeps } from './api-deps';
import { pageSchema, problemSchema } from './api-schemas';
import { sendProblem } from './problem';
import { takeMailQuota } from './rate-limit';
import {
  CLASSES,
  EMAIL_CHANNELS,
  controllingAddress,
  describeScope,
  describeSettings,
  settingsChange,
  settingsFor,
  subscriptionJson,
  subscriptionSchema,
  type SettingsChange,
} from './subscription-view';
import { formToken, isFormTokenValid } from './web/form-token';
import { htmlPage } from './web/html-page';
import { Html, html } from './web/layout';

type PreHandler = ReturnType<typeof requireToken>;
type FormBody = Record<string, string | string[] | undefined> | undefined;

/** The manage page's subject: the address a valid, unexpired link was made for, and what it controls. */
interface ManageSession {
  token: string;
  address: string;
  subscriptions: Subscription[];
}

/**
 * Managing subscriptions. Their owner does it on the manage page, opened by a signed link that
 * expires (mailed on request, and in every alert and digest); an admin does it through the API with
 * a token. Nothing here answers differently for an address that has subscriptions and one that has
 * none, except behind a valid link.
 */
export function registerManageRoutes(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  registerManageLinkRequest(app, deps);
  registerManagePage(app, deps);
  registerAdminSubscriptionRoutes(app, deps, auth);
}

async function openSession(deps: ApiDeps, token: string): Promise<ManageSession | null> {
  const id = verifyExpiringToken(deps.linkSecret, 'manage', token);
  const sub = id === null ? undefined : await getSubscription(deps.db, id);
  const address = sub ? controllingAddress(sub) : null;
  if (!address) return null;
  return { token, address, subscriptions: await listSubscriptionsOfAddress(deps.db, address, EMAIL_CHANNELS) };
}

const REQUEST_FORM = html`<form method="post" action="/manage">
  <p>
    <label>Your e-mail address <input type="email" name="email" required autocomplete="email" /></label>
  </p>
  <button type="submit">Send me my link</button>
</form>`;

const INVALID_LINK = html`<h1>This link is not valid</h1>
  <p>Links to manage your alerts work for a week. Ask for a new one:</p>
  ${REQUEST_FORM}`;

/** "Send me my manage link": anonymous, so it answers the same for every address. */
function registerManageLinkRequest(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/manage', { schema: pageSchema('The manage page: ask for a link to manage an address’s subscriptions') }, async (_req, reply) =>
    htmlPage(
      reply,
      200,
      'Manage your alerts',
      html`<h1>Manage your alerts</h1>
        <p>We will mail a link to see, change, pause or stop every docketwatch alert of your address.</p>
        ${REQUEST_FORM}`,
    ),
  );

  app.post<{ Body: FormBody }>(
    '/manage',
    { schema: pageSchema('Mail a manage link to an address (the same answer whether or not it has subscriptions)') },
    async (req, reply) => {
      const asked = emailDestination.schema.safeParse(typeof req.body?.email === 'string' ? req.body.email : '');
      const wantsJson = String(req.headers['content-type'] ?? '').startsWith('application/json');
      if (!asked.success) {
        if (wantsJson) return sendProblem(reply, 400, 'INVALID_BODY', 'the request has invalid values', ['email: an e-mail address']);
        return htmlPage(
          reply,
          400,
          'Manage your alerts',
          html`<h1>That is not an e-mail address</h1>
            ${REQUEST_FORM}`,
        );
      }
      const address = emailDestination.normalise!(asked.data);
      await takeMailQuota(req, reply, address);
      await mailManageLink(deps, address);
      if (wantsJson) return reply.status(202).send({ status: 'sent', message: 'if this address has alerts, a link is on its way' });
      return htmlPage(
        reply,
        202,
        'Check your inbox',
        html`<h1>Check your inbox</h1>
          <p>If this address has docketwatch alerts, a link to manage them is on its way. It works for a week.</p>`,
      );
    },
  );
}

/** Mails the address a manage link, if it controls any subscription (an address with none gets nothing). */
export async function mailManageLink(deps: ApiDeps, address: string): Promise<void> {
  const [first] = await listSubscriptionsOfAddress(deps.db, address, EMAIL_CHANNELS);
  if (!first) return;
  await deps.sendMail?.(address, renderManageLinkEmail(manageLinkUrl(deps.publicUrl, deps.linkSecret, first.id)));
}

function registerManagePage(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>(
    '/manage/:token',
    { schema: pageSchema('An address’s subscriptions, opened by its signed, expiring link', 'token') },
    async (req, reply) => {
      const session = await openSession(deps, req.params.token);
      if (!session) return htmlPage(reply, 404, 'Link expired', INVALID_LINK);
      return htmlPage(reply, 200, 'Your alerts', await managePage(deps, session));
    },
  );

  app.post<{ Params: { token: string; id: string }; Body: FormBody }>(
    '/manage/:token/subscriptions/:id',
    { schema: pageSchema('Change, pause, resume or delete one subscription (form post)', 'token', 'id') },
    async (req, reply) => {
      const session = await openSession(deps, req.params.token);
      if (!session) return htmlPage(reply, 404, 'Link expired', INVALID_LINK);
      if (!isFormTokenValid(deps.linkSecret, session.token, req.body?.csrf)) return refused(reply, session);
      const sub = session.subscriptions.find((s) => String(s.id) === req.params.id);
      if (!sub)
        return htmlPage(
          reply,
          404,
          'Not found',
          html`<h1>This address has no such subscription</h1>
            ${backLink(session)}`,
        );
      const problem = await applyAction(deps, sub, req.body ?? {});
      if (problem)
        return htmlPage(
          reply,
          400,
          'Not changed',
          html`<h1>Nothing was changed</h1>
            <p>${problem}</p>
            ${backLink(session)}`,
        );
      // Post/redirect/get: reloading the page does not repeat the change.
      return reply.status(303).header('location', `/manage/${session.token}`).send();
    },
  );

  app.post<{ Params: { token: string }; Body: FormBody }>(
    '/manage/:token/leave',
    { schema: pageSchema('Leave everything: end every subscription of the address (form post)', 'token') },
    async (req, reply) => {
      const session = await openSession(deps, req.params.token);
      if (!session) return htmlPage(reply, 404, 'Link expired', INVALID_LINK);
      if (!isFormTokenValid(deps.linkSecret, session.token, req.body?.csrf)) return refused(reply, session);
      for (const sub of session.subscriptions) await unsubscribe(deps.db, sub.id);
      return htmlPage(
        reply,
        200,
        'You have left',
        html`<h1>You have left docketwatch</h1>
          <p>No more alerts or digests will be sent for ${session.address}. Asking for alerts again starts with a new confirmation.</p>`,
      );
    },
  );
}

function refused(reply: FastifyReply, session: ManageSession): FastifyReply {
  return htmlPage(
    reply,
    403,
    'Not changed',
    html`<h1>Nothing was changed</h1>
      <p>Make changes from your manage page.</p>
      ${backLink(session)}`,
  );
}

function backLink(session: ManageSession): Html {
  return html`<p><a href="/manage/${session.token}">Back to your alerts</a></p>`;
}

/** Does what a manage-page button asks; returns why not, when it cannot. */
async function applyAction(deps: ApiDeps, sub: Subscription, body: NonNullable<FormBody>): Promise<string | null> {
  switch (body.action) {
    case 'pause':
    case 'resume':
      return (await setSubscriptionPaused(deps.db, sub.id, body.action === 'pause')) ? null : `it is ${sub.status}`;
    case 'delete':
      // The row stays, unsubscribed, so a catalogue reload never re-subscribes someone who left.
      await unsubscribe(deps.db, sub.id);
      return null;
    case 'save': {
      const classes = body.classes === undefined ? [] : [body.classes].flat();
      const parsed = settingsChange.safeParse({ ...body, classes });
      if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return applySettings(deps, sub, parsed.data);
    }
    default:
      return 'unknown action';
  }
}

async function applySettings(deps: ApiDeps, sub: Subscription, change: SettingsChange): Promise<string | null> {
  const settings = settingsFor(sub, change);
  if ('error' in settings) return settings.error;
  await updateSubscriptionSettings(deps.db, sub.id, settings);
  return null;
}

async function managePage(deps: ApiDeps, session: ManageSession): Promise<Html> {
  const csrf = formToken(deps.linkSecret, session.token);
  const sections = await Promise.all(
    session.subscriptions.map(async (sub) => subscriptionSection(session, csrf, sub, await describeScope(deps.db, sub))),
  );
  return html`<h1>Alerts for ${session.address}</h1>
    ${sections.length ? sections : html`<p>This address has no subscriptions left.</p>`}
    <form method="post" action="/manage/${session.token}/leave">
      <input type="hidden" name="csrf" value="${csrf}" />
      <button type="submit">Leave everything</button>
    </form>`;
}

const SOURCES = { all: 'Courts and press', courts: 'Courts only', press: 'Press only' } as const;
const STATUS = {
  active: 'active',
  paused: 'paused',
  pending: 'waiting for confirmation',
  disabled: 'disabled (the destination stopped answering)',
  unsubscribed: 'left',
} as const;

function subscriptionSection(session: ManageSession, csrf: string, sub: Subscription, what: string): Html {
  const channel = channelById(sub.channel);
  const chosen = (c: string) => sub.classes === null || sub.classes.includes(c);
  const selected = (on: boolean) => flag(on, 'selected');
  const id = `sub-${sub.id}`;
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${what}</h2>
    <p class="muted">${channel.label}${sub.label ? html` · ${sub.label}` : ''} · ${STATUS[sub.status]} · ${describeSettings(sub)}</p>
    <form method="post" action="/manage/${session.token}/subscriptions/${sub.id}">
      <input type="hidden" name="csrf" value="${csrf}" />
      <fieldset>
        <legend>Kinds of entry</legend>
        ${CLASSES.map(
          (c) => html`<label><input type="checkbox" name="classes" value="${c}" ${flag(chosen(c), 'checked')} /> ${c}</label> `,
        )}
      </fieldset>
      <p>
        <label
          >From
          <select name="sources">
            ${Object.entries(SOURCES).map(([value, label]) => html`<option value="${value}" ${selected(sub.source_filter === value)}>${label}</option>`)}
          </select></label
        >
        ${
          channel.digest
            ? html`<label
                >How
                <select name="mode">
                  <option value="immediate" ${selected(sub.mode === 'immediate')}>Each entry as it comes</option>
                  <option value="digest" ${selected(sub.mode === 'digest')}>A daily digest</option>
                </select></label
              >`
            : ''
        }
        <label>Time zone <input name="timeZone" value="${sub.time_zone}" required /></label>
        <label>Digest hour <input type="number" name="digestHour" min="0" max="23" value="${sub.digest_hour}" /></label>
      </p>
      <button type="submit" name="action" value="save">Save</button>
      ${sub.status === 'active' ? html`<button type="submit" name="action" value="pause">Pause</button>` : ''}
      ${sub.status === 'paused' ? html`<button type="submit" name="action" value="resume">Resume</button>` : ''}
      <button type="submit" name="action" value="delete">Delete</button>
    </form>
  </section>`;
}

/** A bare attribute (`checked`, `selected`): a fixed word, never user text. */
function flag(on: boolean, name: 'checked' | 'selected'): Html | null {
  return on ? new Html(name) : null;
}

const subscriptionId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
const adminChange = settingsChange
  .extend({ status: z.enum(['active', 'paused']) })
  .partial()
  .strict();

/** An admin's view of any subscription, Slack, webhook and feed ones included, with an API token. */
function registerAdminSubscriptionRoutes(app: FastifyInstance, deps: ApiDeps, auth: PreHandler): void {
  const find = async (raw: string) => {
    const id = subscriptionId.safeParse(raw);
    return id.success ? getSubscription(deps.db, id.data) : undefined;
  };
  const notFound = (reply: FastifyReply) => sendProblem(reply, 404, 'SUBSCRIPTION_NOT_FOUND', 'no subscription with that id');

  const routes = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string() });
  const guarded = { 401: problemSchema, 403: problemSchema, 404: problemSchema.describe('SUBSCRIPTION_NOT_FOUND') } as const;
  const security = [{ apiToken: [] }];

  routes.get(
    '/api/subscriptions/:id',
    {
      preHandler: auth,
      schema: { summary: 'Any subscription (an admin’s view)', security, params, response: { 200: subscriptionSchema, ...guarded } },
    },
    async (req, reply) => {
      const sub = await find(req.params.id);
      return sub ? subscriptionJson(sub) : notFound(reply);
    },
  );

  routes.patch(
    '/api/subscriptions/:id',
    {
      preHandler: auth,
      // The body is checked by the handler (INVALID_CHANGE names each field); attached here only to be documented.
      attachValidation: true,
      schema: {
        summary: 'Change any subscription’s filters or schedule, or pause and resume it',
        security,
        params,
        body: adminChange,
        response: {
          200: subscriptionSchema,
          400: problemSchema.describe('INVALID_CHANGE'),
          409: problemSchema.describe('STATUS_CHANGE_REFUSED'),
          ...guarded,
        },
      },
    },
    async (req, reply) => {
      const sub = await find(req.params.id);
      if (!sub) return notFound(reply);
      const parsed = adminChange.safeParse(req.body ?? {});
      if (!parsed.success)
        return sendProblem(
          reply,
          400,
          'INVALID_CHANGE',
          'the change has invalid values',
          parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        );
      const { status, ...change } = parsed.data;
      const settings = settingsFor(sub, change);
      if ('error' in settings)
        return sendProblem(reply, 400, 'INVALID_CHANGE', 'the change has invalid values', [`mode: ${settings.error}`]);
      // Pausing and resuming only: an admin cannot consent for an address that has not confirmed, or that left.
      if (status && status !== sub.status && !(await setSubscriptionPaused(deps.db, sub.id, status === 'paused')))
        return sendProblem(reply, 409, 'STATUS_CHANGE_REFUSED', `a ${sub.status} subscription cannot be made ${status}`);
      await updateSubscriptionSettings(deps.db, sub.id, settings);
      return subscriptionJson((await getSubscription(deps.db, sub.id))!);
    },
  );

  routes.delete(
    '/api/subscriptions/:id',
    {
      preHandler: auth,
      schema: {
        summary: 'Delete any subscription, Slack, webhook and feed ones included',
        security,
        params,
        response: { 204: z.null(), ...guarded },
      },
    },
    async (req, reply) => {
      const sub = await find(req.params.id);
      if (!sub || !(await deleteSubscription(deps.db, sub.id))) return notFound(reply);
      return reply.status(204).send(null);
    },
  );
}
