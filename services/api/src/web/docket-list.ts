import { courtName } from '@docketwatch/core';
import type { Docket, DocketCoverage } from '@docketwatch/db';
import { html, type Html } from './layout';

/**
 * A matter's dockets, each with the entry classes none of its sources can see (a court whose feed
 * carries only orders, a docket with no source at all), so nobody trusts a silence that is only a gap.
 */
export function docketList(dockets: Docket[], coverage: Map<number, DocketCoverage>): Html {
  return html`<ul class="dockets">
    ${dockets.map((d) => {
      const covered = coverage.get(d.id);
      const unseen = covered?.unseen ?? [];
      const gap =
        !covered || covered.sources.length === 0
          ? html`<span class="gap">No source follows this docket: nothing from it will appear here.</span>`
          : unseen.length > 0
            ? html`<span class="gap"
                >Not seen by any of its sources: <strong>${unseen.join(', ')}</strong> entries. A silence there is a gap, not news.</span
              >`
            : '';
      return html`<li><span class="badge">${courtName(d.court)} ${d.docket_number}</span> ${gap}</li>`;
    })}
  </ul>`;
}
