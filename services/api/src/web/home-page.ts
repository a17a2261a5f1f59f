import { clipAtWord, courtName, courtTimeZoneOr } from '@docketwatch/core';
import type { MatterSummary, SummaryEntry, SummaryItem } from '@docketwatch/db';
import { extractScheduledEvents, formatFiledAt, type EventStart, type ScheduledEvent } from '@docketwatch/notify';
import { html, page, type Html } from './layout';

/** How many of a matter's newest entries are read for hearings and deadlines (settings are docketed shortly before). */
export const SCHEDULE_LOOKBACK_ENTRIES = 50;

/** A hearing or deadline still to come, and the entry that set it. */
interface NextEvent {
  event: ScheduledEvent;
  entry: SummaryEntry;
}

/** The court's calendar date today in a zone, as YYYY-MM-DD. */
function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const startKey = (start: EventStart) => `${start.date} ${start.time ?? ''}`;

/** A setting a newer entry cancelled or moved: on that docket and day, at that time when it names one. */
interface Overruled {
  docket: string;
  start: EventStart;
}

const overrules = (o: Overruled, docket: string, start: EventStart) =>
  o.docket === docket && o.start.date === start.date && (o.start.time === null || o.start.time === start.time);

/**
 * The soonest setting still to come, read from the newest entries. Entries are newest first, so a
 * later word on a setting wins: one a newer entry cancels, or moves elsewhere, is not shown.
 */
export function nextScheduledEvent(entries: SummaryEntry[], now: Date): NextEvent | null {
  const overruled: Overruled[] = [];
  const upcoming: NextEvent[] = [];
  for (const entry of entries) {
    const docket = `${entry.court}/${entry.docketNumber}`;
    const found = extractScheduledEvents(entry.description || entry.shortDescription, {
      timeZone: courtTimeZoneOr(entry.court),
      reference: entry.at,
    });
    for (const event of found) {
      if (event.previousStart) overruled.push({ docket, start: event.previousStart });
      if (event.cancelled) overruled.push({ docket, start: event.start });
      else if (!overruled.some((o) => overrules(o, docket, event.start)) && event.start.date >= todayIn(event.timeZone, now)) {
        upcoming.push({ event, entry });
      }
    }
  }
  upcoming.sort((a, b) => startKey(a.event.start).localeCompare(startKey(b.event.start)));
  return upcoming[0] ?? null;
}

/** "Tue, Apr 22, 2025, 10:00 AM EDT", or the day alone for an all-day setting. */
function formatEventStart(event: ScheduledEvent): string {
  const day = new Date(`${event.start.date}T12:00:00Z`);
  const dayText = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(day);
  if (!event.start.time) return dayText;
  const [hours, minutes] = event.start.time.split(':').map(Number) as [number, number];
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: event.timeZone, timeZoneName: 'short' })
    .formatToParts(day)
    .find((p) => p.type === 'timeZoneName')?.value;
  const clock = `${((hours + 11) % 12) + 1}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${dayText}, ${clock}${zone ? ` ${zone}` : ''}`;
}

/** The newer of a matter's latest entry and latest press item, as "when · where · what". */
function latestActivity(entry: SummaryEntry | null, item: SummaryItem | null): Html | string {
  const latest = !item || (entry && entry.at >= item.at) ? entry : item;
  if (!latest) return html`<span class="muted">Nothing yet</span>`;
  if (latest.type === 'item') {
    const when = formatFiledAt(latest.publishedAt ?? latest.at.toISOString());
    return html`${when} · <span class="badge">press</span> ${latest.publisher ?? 'Press'}: ${clipAtWord(latest.title, 160)}`;
  }
  const what = latest.shortDescription || latest.description;
  return html`${formatFiledAt(latest.filedAt)} · <span class="badge">${latest.class}</span> ${courtName(latest.court)}
    ${latest.docketNumber}${latest.entryNumber ? html` #${latest.entryNumber}` : ''}: ${clipAtWord(what, 160)}`;
}

function nextSetting(next: NextEvent | null): Html {
  if (!next) return html`<span class="muted">None scheduled</span>`;
  const { event, entry } = next;
  return html`<strong>${event.title}</strong>, ${formatEventStart(event)}
    <span class="muted">(${courtName(entry.court)} ${entry.docketNumber})</span>`;
}

function matterRow(summary: MatterSummary, now: Date): Html {
  const { matter } = summary;
  return html`<tr>
    <td data-label="Matter">
      <a href="/matters/${matter.slug}">${matter.name}</a>
      ${matter.description ? html`<div class="muted">${matter.description}</div>` : ''}
    </td>
    <td data-label="Latest">${latestActivity(summary.latestEntry, summary.latestItem)}</td>
    <td class="words" data-label="Entries">${summary.entryCount}</td>
    <td class="words" data-label="Press">${summary.itemCount}</td>
    <td data-label="Next">${nextSetting(nextScheduledEvent(summary.recentEntries, now))}</td>
  </tr>`;
}

/** The home page: every matter with its latest activity, its counts and its next hearing or deadline. */
export function homePage(summaries: MatterSummary[], now: Date): string {
  return page(
    'Matters',
    html`<h1>Matters</h1>
      ${
        summaries.length === 0
          ? html`<p class="muted">No matters yet: an admin adds them, or the catalogue seeds them.</p>`
          : html`<table>
              <caption>
                Every matter followed, with its latest activity, how many docket entries and press items it has, and its next hearing or
                deadline
              </caption>
              <thead>
                <tr>
                  <th scope="col">Matter</th>
                  <th scope="col">Latest activity</th>
                  <th scope="col">Entries</th>
                  <th scope="col">Press</th>
                  <th scope="col">Next hearing or deadline</th>
                </tr>
              </thead>
              <tbody>
                ${summaries.map((s) => matterRow(s, now))}
              </tbody>
            </table>`
      }`,
  );
}
