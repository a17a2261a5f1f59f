import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { courtName } from '@docketwatch/core';
import { decideCaseProposal, getCaseProposal, getMatter, listCaseProposals, type CaseProposal, type Matter } from '@docketwatch/db';
import { attachCase } from '@docketwatch/ingest';
import type { ApiDeps } from '../api-deps';
import { parseId } from '../problem';
import { adminForm, adminPage, type AdminView } from './admin-pages';
import { html, page } from './layout';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

function proposalRow(view: AdminView, p: CaseProposal): ReturnType<typeof html> {
  const reasons = p.reasons.map((r) => html`<li>${r.kind} “${r.value}”: <span class="muted">${r.excerpt}</span></li>`);
  const decided = p.decided_by ? html`<br /><span class="muted">by ${p.decided_by}</span>` : '';
  return html`<tr id="proposal-${p.id}">
    <td data-label="Case">
      ${p.url ? html`<a href="${p.url}">${p.case_name}</a>` : p.case_name}<br />
      <span class="muted">${courtName(p.court)} ${p.docket_number}${p.filed_on ? ` · filed ${p.filed_on}` : ''}</span>
      ${p.nature_of_suit || p.cause ? html`<br /><span class="muted">${[p.nature_of_suit, p.cause].filter(Boolean).join(' · ')}</span>` : ''}
    </td>
    <td data-label="Why">
      <ul>
        ${reasons}
      </ul>
    </td>
    <td data-label="Found by" class="muted">${p.found_by}</td>
    <td data-label="Status">${p.status}${decided}</td>
    <td data-label="Actions">
      ${
        p.status === 'proposed'
          ? html`${adminForm(view, `/admin/proposals/${p.id}/accept`, '', 'Accept')}
            ${adminForm(view, `/admin/proposals/${p.id}/reject`, '', 'Reject')}`
          : ''
      }
    </td>
  </tr>`;
}

export function proposalsAdminPage(view: AdminView, matter: Matter, proposals: CaseProposal[], message?: string): string {
  return adminPage(
    `Admin: new cases for ${matter.name}`,
    html`<h1>New cases for ${matter.name}</h1>
      <p><a href="/admin/matters/${matter.id}">Back to the matter</a></p>
      ${message ? html`<p role="status">${message}</p>` : ''}
      <p class="muted">
        Cases found by discovery sources that fit this matter's discovery rule. Accepting one makes it a docket of the matter (with a
        CourtListener source when it was found there) and tells the subscribers who asked for new cases; a rejected case stays rejected when
        it is found again.
      </p>
      <table>
        <caption>
          Proposed cases, newest first
        </caption>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Why</th>
          <th scope="col">Found by</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
        ${proposals.map((p) => proposalRow(view, p))}
      </table>`,
  );
}

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

/**
 * The admin pages for a matter's proposed new cases: the list, accept and reject. Registered inside
 * the admin scope, so the admin session and the CSRF check guard them like every admin page.
 */
export function registerProposalAdmin(app: FastifyInstance, deps: ApiDeps, view: (req: FastifyRequest) => AdminView): void {
  const notFound = (reply: FastifyReply) => sendPage(reply, 404, page('Not found', html`<h1>No such proposal</h1>`));
  const render = async (req: FastifyRequest, reply: FastifyReply, matter: Matter, status = 200, message?: string) =>
    sendPage(reply, status, proposalsAdminPage(view(req), matter, await listCaseProposals(deps.db, matter.id), message));

  app.get('/admin/matters/:id/proposals', async (req: IdRequest, reply) => {
    const id = parseId(req.params.id);
    const matter = id === null ? undefined : await getMatter(deps.db, id);
    return matter ? render(req, reply, matter) : notFound(reply);
  });

  const decide = (decision: 'accept' | 'reject') => async (req: IdRequest, reply: FastifyReply) => {
    const id = parseId(req.params.id);
    const proposal = id === null ? undefined : await getCaseProposal(deps.db, id);
    const matter = proposal && (await getMatter(deps.db, proposal.matter_id));
    if (!proposal || !matter) return notFound(reply);
    const by = req.adminName ?? 'admin';
    const done = await deps.db
      .transaction()
      .execute(async (trx) =>
        decision === 'accept'
          ? (await attachCase(trx, proposal, { status: 'accepted', by, alert: true })) !== undefined
          : decideCaseProposal(trx, { id: proposal.id, status: 'rejected', by }),
      );
    if (done && decision === 'accept') await deps.onEvents?.(1);
    const message = done
      ? `${proposal.case_name} ${decision === 'accept' ? 'is now a docket of this matter' : 'is rejected'}.`
      : `${proposal.case_name} was already decided.`;
    return render(req, reply, matter, done ? 200 : 409, message);
  };
  app.post('/admin/proposals/:id/accept', decide('accept'));
  app.post('/admin/proposals/:id/reject', decide('reject'));
}
