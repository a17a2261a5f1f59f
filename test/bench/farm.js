// The page farm: press-listing pages of about 42 KB spread over loopback hosts 127.0.0.1 to
// 127.0.0.N (the whole of 127/8 reaches this machine), one Node http server bound to each address.
// Every page has a strong ETag and conditional GETs are answered with 304, as press rooms do. A page
// can be changed on demand; the farm records when it first served each page's changed version, so
// change-to-alert latency can be measured without the wait for the next scheduled poll.
const http = require('node:http');
const { createHash } = require('node:crypto');

/** Releases on one listing: with the page's chrome this makes the ~42 KB of a real press room. */
const RELEASES_PER_PAGE = 65;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TOPICS = [
  'Statement on the Court of Appeals Ruling',
  'Justice Department Announces Grants for Rural Libraries',
  'Attorney General Testifies Before the Judiciary Committee',
  'Settlement Reached in Civil Rights Investigation',
  'Office of Public Affairs Issues Guidance on Records Requests',
  'Deputy Attorney General Delivers Remarks at Annual Conference',
];

function release(page, n, title) {
  const month = MONTHS[n % 12];
  return `
        <div class="views-row"><article class="news-content-listing node-press-release">
          <h2 class="news-title"><a href="/opa/pr/page-${page}-release-${n}" hreflang="en">${title}</a></h2>
          <div class="node-date"><time datetime="2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}T12:00:00Z">${month} ${(n % 28) + 1}, 2025</time></div>
          <div class="field_summary"><p>Release ${n} of listing ${page}: the department's statement, with the names of the offices concerned and where to read the filing.</p></div>
          <div class="node-organization">Office of Public Affairs</div>
        </article></div>`;
}

/** A listing page; `added` lines go on top of its releases (a change), newest first. */
function listingPage(page, added) {
  const rows = [];
  for (const line of added) rows.push(release(page, 1000 + rows.length, line));
  for (let n = 0; n < RELEASES_PER_PAGE; n++) rows.push(release(page, n, `${TOPICS[(page + n) % TOPICS.length]} (${page}.${n})`));
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Press Releases ${page}</title></head><body>
<header><nav><ul>${nav}</ul></nav></header>
<main id="main-content"><h1>Press Releases</h1>
  <section id="releases">${rows.join('')}
  </section>
</main><footer><p>Bench listing ${page}. Synthetic page served by test/bench/farm.js.</p></footer></body></html>`;
}

class PageFarm {
  /**
   * @param {{ pages: number, hosts: number }} size
   */
  constructor({ pages, hosts }) {
    this.pageCount = pages;
    this.hostCount = hosts;
    this.servers = [];
    /** Per page: its body, ETag, the lines added so far, and when its current version was first served. */
    this.pages = Array.from({ length: pages }, (_, i) => this.render(i, []));
    this.resetCounts();
    this.hostUrls = [];
  }

  render(index, added) {
    const body = Buffer.from(listingPage(index, added));
    return { body, etag: `"${createHash('sha1').update(body).digest('hex')}"`, added, changedAt: null, firstServedAt: null };
  }

  async start() {
    for (let h = 1; h <= this.hostCount; h++) {
      const address = `127.0.0.${h}`;
      const server = http.createServer((req, res) => this.handle(req, res));
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, address, resolve);
      });
      this.servers.push(server);
      this.hostUrls.push(`http://${address}:${server.address().port}`);
    }
  }

  /** Page i lives on host i mod hosts, so every host carries the same share. */
  url(index) {
    return `${this.hostUrls[index % this.hostCount]}/press/listing-${index}.html`;
  }

  urls() {
    return Array.from({ length: this.pageCount }, (_, i) => this.url(i));
  }

  /** Adds a release line to page `index`; returns when the change was made (ms since the epoch). */
  change(index, line) {
    const page = this.render(index, [line, ...this.pages[index].added]);
    page.changedAt = Date.now();
    this.pages[index] = page;
    return page.changedAt;
  }

  /** When page `index`'s current version was first served in full (ms since the epoch), or null. */
  firstServedAt(index) {
    return this.pages[index].firstServedAt;
  }

  /** Starts counting answers afresh; `firstRequestAt` is when the next request arrives. */
  resetCounts() {
    this.counts = { ok: 0, notModified: 0, notFound: 0, firstRequestAt: null };
  }

  handle(req, res) {
    const match = /^\/press\/listing-(\d+)\.html$/.exec(req.url ?? '');
    const page = match ? this.pages[Number(match[1])] : undefined;
    this.counts.firstRequestAt ??= Date.now();
    if (!page) {
      this.counts.notFound++;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.headers['if-none-match'] === page.etag) {
      this.counts.notModified++;
      res.writeHead(304, { etag: page.etag }).end();
      return;
    }
    this.counts.ok++;
    if (page.firstServedAt === null) page.firstServedAt = Date.now();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: page.etag }).end(page.body);
  }

  async stop() {
    await Promise.all(
      this.servers.map((server) => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      }),
    );
    this.servers = [];
  }
}

module.exports = { PageFarm };
