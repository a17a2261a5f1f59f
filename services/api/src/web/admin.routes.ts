import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normaliseDocketNumber } from '@docketwatch/core';
import { addSourceFromForm, sourceForms, type FormIssue } from '@docketwatch/catalogue';
import {
  createMatter,
  getDocket,
  getMatter,
  getSource,
  listAllMatters,
  listDeadDeliveries,
  listDocketsOfMatter,
  listInboundMessages,
  listSources,
  listSourcesWithSightings,
  removeDocket,
  replayDeadDeliveries,
  replayDelivery,
  pinCourtListenerDocket,
  setMatterArchived,
  setSourceEnabled,
  updateMatter,
  upsertDocket,
  findDocketOfMatter,
  type Matter,
} from '@docketwatch/db';
import { courtId } from '@docketwatch/sources';
import type { ApiDeps } from '../api-deps';
import { parseId } from '../problem';
import { adminFormToken, requireAdminFormToken } from './admin-form-token';
import {
  deliveriesAdminPage,
  inboundAdminPage,
  matterAdminPage,
  mattersAdminPage,
  pollQueuedPage,
  sourcesAdminPage,
  type AdminView,
  type MatterAdminIssues,
  type MatterFormValues,
} from './admin-pages';
import { page, html } from './layout';
import { registerProposalAdmin } from './proposals-admin';
import { registerQueueBoard } from './queue-board.routes';

type Form = Record<string, string | undefined>;
type FormRequest = FastifyRequest<{ Body: Form; Params: Record<string, string> }>;

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const matterEdit = z.object({
  name: z.string().trim().min(1, 'a matter needs a name'),
  description: z.string().trim().default(''),
  aliases: z.string().optional().transform(lines),
  keywords: z.string().optional().transform(lines),
});

// The catalogue's rule for a matter's address.
const newMatter = matterEdit.extend({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens') });

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

// The catalogue's docket rules: a court id, a number normalised as everywhere else.
const newDocket = z.object({
  court: courtId,
  number: z.string().trim().min(1, 'a docket number is required').transform(normaliseDocketNumber),
  pacerCaseId: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  courtlistenerId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
});

const issuesOf = (error: z.ZodError): FormIssue[] => error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

const notFound = (reply: FastifyReply, what: string) => sendPage(reply, 404, page('Not found', html`<h1>No such ${what}</h1>`));

/**
 * The admin pages under /admin: matters, dockets and sources (validated as the catalogue validates
 * them), poll now, each source's health, dead deliveries with replay and quarantined notices. The
 * admin session guards every path (admin-session.ts); every post also carries the session's CSRF token.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
    }
    scope.addHook('preHandler', async (req, reply) => {
      if (req.method === 'POST') await requireAdminFormToken(deps.linkSecret)(req, reply);
    });
    const view = (req: FastifyRequest): AdminView => ({ csrf: adminFormToken(deps.linkSecret, req) });
    scope.get('/admin', async (_req, reply) => reply.redirect('/admin/matters', 303));
    registerMatterAdmin(scope, deps, view);
    registerSourceAdmin(scope, deps, view);
    registerDeliveryAdmin(scope, deps, view);
    registerProposalAdmin(scope, deps, view);
  });
  registerQueueBoard(app, deps);
}

function registerMatterAdmin(app: FastifyInstance, deps: ApiDeps, view: (req: FastifyRequest) => AdminView): void {
  const matterOf = async (id: string): Promise<Matter | undefined> => {
    const n = parseId(id);
    return n === null ? undefined : getMatter(deps.db, n);
  };
  const renderMatter = async (req: FastifyRequest, reply: FastifyReply, matter: Matter, status = 200, problems: MatterAdminIssues = {}) => {
    const dockets = await listDocketsOfMatter(deps.db, matter.id);
    const docketIds = new Set(dockets.map((d) => d.id));
    const sources = (await listSources(deps.db)).filter((s) => s.docket_id !== null && docketIds.has(s.docket_id));
    return sendPage(reply, status, matterAdminPage(view(req), { matter, dockets, sources, forms: sourceForms }, problems));
  };

  app.get('/admin/matters', async (req, reply) => sendPage(reply, 200, mattersAdminPage(view(req), await listAllMatters(deps.db))));

  app.post('/admin/matters', async (req: FormRequest, reply) => {
    const parsed = newMatter.safeParse(req.body ?? {});
    const values = { ...(req.body ?? {}) } as unknown as MatterFormValues;
    if (!parsed.success)
      return sendPage(reply, 400, mattersAdminPage(view(req), await listAllMatters(deps.db), values, issuesOf(parsed.error)));
    const { slug, ...edit } = parsed.data;
    const matter = await createMatter(deps.db, slug, edit);
    if (!matter) {
      const taken = [{ field: 'slug', message: `a matter already has the address ${slug}` }];
      return sendPage(reply, 409, mattersAdminPage(view(req), await listAllMatters(deps.db), values, taken));
    }
    return reply.redirect(`/admin/matters/${matter.id}`, 303);
  });

  app.get('/admin/matters/:id', async (req: FormRequest, reply) => {
    const matter = await matterOf(req.params.id!);
    return matter ? renderMatter(req, reply, matter) : notFound(reply, 'matter');
  });

  app.post('/admin/matters/:id', async (req: FormRequest, reply) => {
    const matter = await matterOf(req.params.id!);
    if (!matter) return notFound(reply, 'matter');
    const parsed = matterEdit.safeParse(req.body ?? {});
    if (!parsed.success) return renderMatter(req, reply, matter, 400, { matter: issuesOf(parsed.error) });
    await updateMatter(deps.db, matter.id, parsed.data);
    return reply.redirect(`/admin/matters/${matter.id}`, 303);
  });

  app.post('/admin/matters/:id/archive', async (req: FormRequest, reply) => {
    const matter = await matterOf(req.params.id!);
    if (!matter) return notFound(reply, 'matter');
    await setMatterArchived(deps.db, matter.id, req.body?.archived !== 'false');
    return reply.redirect(`/admin/matters/${matter.id}`, 303);
  });

  app.post('/admin/matters/:id/dockets', async (req: FormRequest, reply) => {
    const matter = await matterOf(req.params.id!);
    if (!matter) return notFound(reply, 'matter');
    const parsed = newDocket.safeParse(req.body ?? {});
    if (!parsed.success) return renderMatter(req, reply, matter, 400, { docket: issuesOf(parsed.error), values: req.body ?? {} });
    const { court, number, pacerCaseId, courtlistenerId } = parsed.data;
    if (await findDocketOfMatter(deps.db, matter.id, court, number)) return reply.redirect(`/admin/matters/${matter.id}`, 303);
    const docket = await upsertDocket(deps.db, { matterId: matter.id, court, docketNumber: number, pacerCaseId: pacerCaseId ?? null });
    if (courtlistenerId) await pinCourtListenerDocket(deps.db, docket.id, courtlistenerId);
    return reply.redirect(`/admin/matters/${matter.id}`, 303);
  });

  app.post('/admin/matters/:id/dockets/:docketId/remove', async (req: FormRequest, reply) => {
    const matter = await matterOf(req.params.id!);
    const docketId = parseId(req.params.docketId!);
    if (!matter || docketId === null || !(await removeDocket(deps.db, matter.id, docketId))) return notFound(reply, 'docket');
    return reply.redirect(`/admin/matters/${matter.id}`, 303);
  });

  app.post('/admin/sources', async (req: FormRequest, reply) => {
    const form = req.body ?? {};
    const docketId = form.docket ? parseId(form.docket) : null;
    const docket = docketId === null ? undefined : await getDocket(deps.db, docketId);
    const result = await addSourceFromForm(
      deps.db,
      form.form ?? '',
      form,
      docket ? { id: docket.id, court: docket.court, docketNumber: docket.docket_number } : null,
    );
    const matter = docket ? await getMatter(deps.db, docket.matter_id) : undefined;
    if (result.issues) {
      if (matter) return renderMatter(req, reply, matter, 400, { source: result.issues, values: form });
      const sources = await listSourcesWithSightings(deps.db);
      return sendPage(reply, 400, sourcesAdminPage(view(req), sources, sourceForms, result.issues, form));
    }
    return reply.redirect(matter ? `/admin/matters/${matter.id}` : `/admin/sources#source-${result.source.id}`, 303);
  });
}

function registerSourceAdmin(app: FastifyInstance, deps: ApiDeps, view: (req: FastifyRequest) => AdminView): void {
  app.get('/admin/sources', async (req, reply) =>
    sendPage(reply, 200, sourcesAdminPage(view(req), await listSourcesWithSightings(deps.db), sourceForms)),
  );

  app.post('/admin/sources/:id/enabled', async (req: FormRequest, reply) => {
    const id = parseId(req.params.id!);
    if (id === null || !(await setSourceEnabled(deps.db, id, req.body?.enabled === 'true'))) return notFound(reply, 'source');
    return reply.redirect(`/admin/sources#source-${id}`, 303);
  });

  app.post('/admin/sources/:id/poll', async (req: FormRequest, reply) => {
    const id = parseId(req.params.id!);
    const source = id === null ? undefined : await getSource(deps.db, id);
    if (!source) return notFound(reply, 'source');
    // A poller skips a disabled source, so queueing one would promise a poll that never comes.
    const queued = Boolean(deps.pollNow) && source.enabled;
    if (queued) await deps.pollNow!(source.id);
    return sendPage(reply, queued ? 202 : 409, pollQueuedPage(source, queued));
  });

  app.get('/admin/inbound', async (_req, reply) =>
    sendPage(reply, 200, inboundAdminPage(await listInboundMessages(deps.db, { status: 'quarantined', limit: 200 }))),
  );
}

function registerDeliveryAdmin(app: FastifyInstance, deps: ApiDeps, view: (req: FastifyRequest) => AdminView): void {
  app.get('/admin/deliveries', async (req, reply) =>
    sendPage(reply, 200, deliveriesAdminPage(view(req), await listDeadDeliveries(deps.db))),
  );

  app.post('/admin/deliveries/:id/replay', async (req: FormRequest, reply) => {
    const id = parseId(req.params.id!);
    if (id === null || !(await replayDelivery(deps.db, id))) return notFound(reply, 'dead delivery');
    await deps.onEvents?.(1);
    return sendPage(reply, 200, deliveriesAdminPage(view(req), await listDeadDeliveries(deps.db), `Delivery #${id} will be sent again.`));
  });

  app.post('/admin/deliveries/replay-dead', async (req, reply) => {
    const ids = await replayDeadDeliveries(deps.db);
    if (ids.length > 0) await deps.onEvents?.(ids.length);
    const message = `${ids.length} deliver${ids.length === 1 ? 'y' : 'ies'} will be sent again.`;
    return sendPage(reply, 200, deliveriesAdminPage(view(req), await listDeadDeliveries(deps.db), message));
  });
}
