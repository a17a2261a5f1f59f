import { courtName } from '@docketwatch/core';
import type { FormIssue, SourceForm } from '@docketwatch/catalogue';
import type { Delivery, Docket, InboundMessageSummary, Matter, Source, SourcePoll, SourceWithSightings } from '@docketwatch/db';
import { Html, html, page } from './layout';

/** What every admin page needs to render its forms: the session's CSRF token. */
export interface AdminView {
  csrf: string;
}

/** A form posting to an admin route, with the CSRF field every admin post needs. */
export function adminForm(view: AdminView, action: string, body: Html | string, label: string, extra: Html | string = ''): Html {
  return html`<form method="post" action="${action}" class="inline">
    <input type="hidden" name="csrf" value="${view.csrf}" />${body}${extra}<button type="submit">${label}</button>
  </form>`;
}

function issuesFor(issues: FormIssue[], field: string): Html | string {
  const mine = issues.filter((i) => i.field === field);
  return mine.length > 0 ? html`<span class="error" role="alert">${mine.map((i) => i.message).join('; ')}</span>` : '';
}

function formIssues(issues: FormIssue[], known: string[]): Html | string {
  const rest = issues.filter((i) => !known.includes(i.field));
  return rest.length > 0
    ? html`<p class="error" role="alert">${rest.map((i) => `${i.field ? `${i.field}: ` : ''}${i.message}`).join('; ')}</p>`
    : '';
}

function textField(name: string, label: string, value: string, issues: FormIssue[], required = false): Html {
  return html`<p>
    <label for="f-${name}">${label}</label><br />
    <input id="f-${name}" name="${name}" value="${value}" ${required ? new Html('required') : ''} size="40" />
    ${issuesFor(issues, name)}
  </p>`;
}

const NAV = html`<nav aria-label="Admin">
  <a href="/admin/matters">Matters</a> · <a href="/admin/sources">Sources and health</a> · <a href="/admin/deliveries">Dead deliveries</a> ·
  <a href="/admin/inbound">Quarantined notices</a> · <a href="/outbox">Outbox</a> ·
  <a href="/admin/queues">Queues</a>
</nav>`;

export function adminPage(title: string, body: Html): string {
  return page(title, html`${NAV}${body}`);
}

export interface MatterFormValues {
  slug?: string;
  name: string;
  description: string;
  aliases: string;
  keywords: string;
}

export const EMPTY_MATTER: MatterFormValues = { slug: '', name: '', description: '', aliases: '', keywords: '' };

function matterFields(values: MatterFormValues, issues: FormIssue[]): Html {
  return html`${values.slug !== undefined ? textField('slug', 'Address (lower-case words joined by hyphens)', values.slug, issues, true) : ''}
    ${textField('name', 'Name', values.name, issues, true)} ${textField('description', 'Description', values.description, issues)}
    <p>
      <label for="f-aliases">Aliases (one a line)</label><br />
      <textarea id="f-aliases" name="aliases" rows="3" cols="40">${values.aliases}</textarea>${issuesFor(issues, 'aliases')}
    </p>
    <p>
      <label for="f-keywords">Keywords that tie press items to it (one a line)</label><br />
      <textarea id="f-keywords" name="keywords" rows="3" cols="40">${values.keywords}</textarea>${issuesFor(issues, 'keywords')}
    </p>`;
}

export function mattersAdminPage(view: AdminView, matters: Matter[], values = EMPTY_MATTER, issues: FormIssue[] = []): string {
  return adminPage(
    'Admin: matters',
    html`<h1>Matters</h1>
      <table>
        <caption>
          Every matter, archived ones last
        </caption>
        <tr>
          <th scope="col">Matter</th>
          <th scope="col">Status</th>
        </tr>
        ${matters.map(
          (m) =>
            html`<tr>
              <td data-label="Matter"><a href="/admin/matters/${m.id}">${m.name}</a> <span class="muted">${m.slug}</span></td>
              <td data-label="Status">${m.archived_at ? 'archived' : 'followed'}</td>
            </tr>`,
        )}
      </table>
      <h2>Add a matter</h2>
      ${formIssues(issues, ['slug', 'name', 'description', 'aliases', 'keywords'])}
      ${adminForm(view, '/admin/matters', matterFields(values, issues), 'Add matter')}`,
  );
}

export interface MatterAdminData {
  matter: Matter;
  dockets: Docket[];
  sources: Source[];
  forms: readonly SourceForm[];
}

export interface MatterAdminIssues {
  matter?: FormIssue[];
  docket?: FormIssue[];
  source?: FormIssue[];
  values?: Record<string, string | undefined>;
}

export function matterAdminPage(view: AdminView, data: MatterAdminData, problems: MatterAdminIssues = {}): string {
  const { matter, dockets } = data;
  const values: MatterFormValues = {
    name: matter.name,
    description: matter.description,
    aliases: matter.aliases.join('\n'),
    keywords: matter.keywords.join('\n'),
  };
  return adminPage(
    `Admin: ${matter.name}`,
    html`<h1>${matter.name}</h1>
      <p>
        <a href="/matters/${matter.slug}">Public page</a> · <a href="/admin/matters/${matter.id}/proposals">New cases found</a>${
          matter.archived_at ? html` · <strong>archived</strong>` : ''
        }
      </p>
      <h2>Details</h2>
      ${formIssues(problems.matter ?? [], ['name', 'description', 'aliases', 'keywords'])}
      ${adminForm(view, `/admin/matters/${matter.id}`, matterFields(values, problems.matter ?? []), 'Save')}
      ${adminForm(
        view,
        `/admin/matters/${matter.id}/archive`,
        html`<input type="hidden" name="archived" value="${matter.archived_at ? 'false' : 'true'}" />`,
        matter.archived_at ? 'Follow again' : 'Archive',
      )}
      <h2>Dockets</h2>
      ${docketsTable(view, matter, dockets)} ${docketForm(view, matter, problems.docket ?? [], problems.values ?? {})}
      <h2>Sources of its dockets</h2>
      ${sourcesTable(
        view,
        data.sources.map((s) => ({ ...s, sightings: -1, polls: [] })),
      )}
      ${docketSourceForm(view, data, problems.source ?? [], problems.values ?? {})}`,
  );
}

function docketsTable(view: AdminView, matter: Matter, dockets: Docket[]): Html {
  return html`<table>
    <caption>
      Dockets of ${matter.name}
    </caption>
    <tr>
      <th scope="col">Court</th>
      <th scope="col">Docket</th>
      <th scope="col">Case</th>
      <th scope="col">Actions</th>
    </tr>
    ${dockets.map(
      (d) =>
        html`<tr>
          <td data-label="Court">${courtName(d.court)}</td>
          <td data-label="Docket">${d.docket_number}</td>
          <td data-label="Case">${d.case_name}</td>
          <td data-label="Actions">${adminForm(view, `/admin/matters/${matter.id}/dockets/${d.id}/remove`, '', 'Remove')}</td>
        </tr>`,
    )}
  </table>`;
}

function docketForm(view: AdminView, matter: Matter, issues: FormIssue[], values: Record<string, string | undefined>): Html {
  return html`<h3>Add a docket</h3>
    ${formIssues(issues, ['court', 'number', 'pacerCaseId', 'courtlistenerId'])}
    ${adminForm(
      view,
      `/admin/matters/${matter.id}/dockets`,
      html`${textField('court', 'Court id (e.g. scotus, mdd, ca4)', values.court ?? '', issues, true)}
      ${textField('number', 'Docket number', values.number ?? '', issues, true)}
      ${textField('pacerCaseId', 'PACER case id (optional)', values.pacerCaseId ?? '', issues)}
      ${textField('courtlistenerId', 'CourtListener docket id (optional)', values.courtlistenerId ?? '', issues)}`,
      'Add docket',
    )}`;
}

/** Fields of every form of these kinds, each labelled with the kinds that use it. */
function sourceFormFields(forms: readonly SourceForm[], issues: FormIssue[], values: Record<string, string | undefined>): Html {
  const names = [...new Set(forms.flatMap((f) => f.fields.map((field) => field.name)))];
  return html`${names.map((name) => {
    const usedBy = forms.filter((f) => f.fields.some((field) => field.name === name));
    const label = `${name} (${usedBy.map((f) => f.kind).join(', ')})`;
    return usedBy.some((f) => f.fields.some((field) => field.name === name && field.boolean))
      ? html`<p>
          <input id="f-${name}" type="checkbox" name="${name}" ${values[name] ? new Html('checked') : ''} />
          <label for="f-${name}">${label}</label>${issuesFor(issues, name)}
        </p>`
      : textField(name, label, values[name] ?? '', issues);
  })}`;
}

function formChoice(forms: readonly SourceForm[], chosen: string | undefined, issues: FormIssue[]): Html {
  return html`<p>
    <label for="f-form">Kind</label><br />
    <select id="f-form" name="form">
      ${forms.map((f) => html`<option value="${f.id}" ${f.id === chosen ? new Html('selected') : ''}>${f.kind} (${f.section})</option>`)}
    </select>
    ${issuesFor(issues, 'form')}
  </p>`;
}

function docketSourceForm(view: AdminView, data: MatterAdminData, issues: FormIssue[], values: Record<string, string | undefined>): Html {
  const forms = data.forms.filter((f) => f.forDocket);
  if (data.dockets.length === 0) return html`<p class="muted">Add a docket first to add a source that reads it.</p>`;
  return html`<h3>Add a source of one docket</h3>
    ${formIssues(issues, ['form', 'docket', ...forms.flatMap((f) => f.fields.map((field) => field.name))])}
    ${adminForm(
      view,
      '/admin/sources',
      html`<input type="hidden" name="matter" value="${data.matter.id}" />
        <p>
          <label for="f-docket">Docket</label><br />
          <select id="f-docket" name="docket">
            ${data.dockets.map((d) => html`<option value="${d.id}">${courtName(d.court)} ${d.docket_number}</option>`)}
          </select>
          ${issuesFor(issues, 'docket')}
        </p>
        ${formChoice(forms, values.form, issues)} ${sourceFormFields(forms, issues, values)}`,
      'Add source',
    )}`;
}

export function sourcesAdminPage(
  view: AdminView,
  sources: SourceWithSightings[],
  forms: readonly SourceForm[],
  issues: FormIssue[] = [],
  values: Record<string, string | undefined> = {},
): string {
  const courtWide = forms.filter((f) => !f.forDocket);
  return adminPage(
    'Admin: sources',
    html`<h1>Sources and their health</h1>
      ${sourcesTable(view, sources)}
      <h2>Add a source</h2>
      <p class="muted">A source of one docket is added from its matter's page.</p>
      ${formIssues(issues, ['form', ...courtWide.flatMap((f) => f.fields.map((field) => field.name))])}
      ${adminForm(view, '/admin/sources', html`${formChoice(courtWide, values.form, issues)} ${sourceFormFields(courtWide, issues, values)}`, 'Add source')}`,
  );
}

function when(date: Date | null): string {
  return date ? new Date(date).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'never';
}

/** A source's last polls, newest first: when, what each found (or its error code), how long it took. */
function recentPolls(polls: SourcePoll[]): Html {
  if (polls.length === 0) return html`<span class="muted">none yet</span>`;
  return html`<ol class="polls">
    ${polls.map(
      (p) =>
        html`<li>
          <strong>${p.outcome === 'failed' ? (p.errorCode ?? 'failed') : p.outcome}</strong>
          ${p.outcome === 'stored' ? `${p.created} new · ` : ''}${when(p.polledAt)} · ${p.durationMs} ms
        </li>`,
    )}
  </ol>`;
}

/** Sources with their health, last polls and actions; `sightings` below 0 is left out. */
function sourcesTable(view: AdminView, sources: SourceWithSightings[]): Html {
  return html`<table>
    <caption>
      Sources: health and recent polls
    </caption>
    <tr>
      <th scope="col">Source</th>
      <th scope="col">Health</th>
      <th scope="col">Last checked</th>
      <th scope="col">Last success</th>
      <th scope="col">Failures in a row</th>
      <th scope="col">Last error</th>
      <th scope="col">Seen</th>
      <th scope="col">Recent polls</th>
      <th scope="col">Actions</th>
    </tr>
    ${sources.map(
      (s) =>
        html`<tr id="source-${s.id}">
          <td data-label="Source">
            ${s.name}
            <div class="muted">#${s.id} ${s.kind} · ${s.address}</div>
          </td>
          <td data-label="Health"><span class="badge ${s.health}">${s.enabled ? s.health : 'disabled'}</span></td>
          <td data-label="Last checked" class="when">${when(s.last_checked_at)}</td>
          <td data-label="Last success" class="when">${when(s.last_success_at)}</td>
          <td data-label="Failures in a row">${s.consecutive_failures}</td>
          <td data-label="Last error" class="muted">${s.last_error_code ?? ''} ${s.last_error ?? ''}</td>
          <td data-label="Seen">${s.sightings >= 0 ? `${s.sightings} sightings` : ''}</td>
          <td data-label="Recent polls">${recentPolls(s.polls)}</td>
          <td data-label="Actions">
            ${adminForm(view, `/admin/sources/${s.id}/poll`, '', 'Poll now')}
            ${adminForm(
              view,
              `/admin/sources/${s.id}/enabled`,
              html`<input type="hidden" name="enabled" value="${s.enabled ? 'false' : 'true'}" />`,
              s.enabled ? 'Disable' : 'Enable',
            )}
          </td>
        </tr>`,
    )}
  </table>`;
}

export function pollQueuedPage(source: Source, queued: boolean): string {
  const why = !source.enabled
    ? `${source.name} is disabled: enable it to poll it.`
    : `This process queues no polls: run docketwatch sources poll ${source.id} to poll ${source.name} now.`;
  return adminPage(
    queued ? 'Poll queued' : 'Not polled',
    html`<h1>${queued ? 'Poll queued' : 'Not polled'}</h1>
      <p>${queued ? `${source.name} will be polled in a moment by a poller.` : why}</p>
      <p><a href="/admin/sources#source-${source.id}">See its health</a></p>`,
  );
}

export function deliveriesAdminPage(view: AdminView, deliveries: Delivery[], replayed?: string): string {
  return adminPage(
    'Admin: dead deliveries',
    html`<h1>Dead deliveries</h1>
      ${replayed ? html`<p role="status">${replayed}</p>` : ''}
      <p class="muted">Deliveries that failed for good. Replaying one sends it again at the next sweep.</p>
      ${deliveries.length > 0 ? adminForm(view, '/admin/deliveries/replay-dead', '', 'Replay all') : ''}
      <table>
        <caption>
          Dead deliveries, newest first
        </caption>
        <tr>
          <th scope="col">Delivery</th>
          <th scope="col">Channel</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">Actions</th>
        </tr>
        ${deliveries.map(
          (d) =>
            html`<tr>
              <td data-label="Delivery">#${d.id} (subscription ${d.subscription_id}, event ${d.event_id})</td>
              <td data-label="Channel">${d.channel}</td>
              <td data-label="Attempts">${d.attempts}</td>
              <td data-label="Last error" class="muted">${d.last_error ?? ''}</td>
              <td data-label="Actions">${adminForm(view, `/admin/deliveries/${d.id}/replay`, '', 'Replay')}</td>
            </tr>`,
        )}
      </table>`,
  );
}

export function inboundAdminPage(messages: InboundMessageSummary[]): string {
  return adminPage(
    'Admin: quarantined notices',
    html`<h1>Quarantined notices</h1>
      <p class="muted">
        Mail not shown to be a court's: kept as received, never alerted. To ingest one after checking it, run
        <code>docketwatch inbound replay ID --trust --reason "…"</code>.
      </p>
      <table>
        <caption>
          Quarantined notices, newest first
        </caption>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Why</th>
          <th scope="col">Raw</th>
        </tr>
        ${messages.map(
          (m) =>
            html`<tr>
              <td data-label="Received" class="when">${when(m.receivedAt)}</td>
              <td data-label="From">${m.sender ?? ''}</td>
              <td data-label="To">${m.recipient ?? ''}</td>
              <td data-label="Why">${m.error ?? ''}</td>
              <td data-label="Raw"><a href="/api/admin/inbound/${m.id}/raw" download>Download (${m.bytes} bytes)</a></td>
            </tr>`,
        )}
      </table>`,
  );
}
