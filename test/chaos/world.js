// The chaos harness's world: the sources docketwatch polls (a court's CM/ECF feed, a Supreme Court
// docket, a press page, and faulty sources) and the destinations it sends to (an SMTP server, and
// Slack, webhook and Teams receivers). Every filing carries a token, so what arrives can be counted
// per recipient; the world records when each filing became visible, when its source was next
// polled, and every request and message it received, with the time.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createHash } = require('node:crypto');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

/** The saved court documents the tests use, beside the clone (as test/support/fixtures.ts finds them). */
const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/juriscraper/tests/examples');
const SCOTUS_DOCKET = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'scotus/dockets/json/24A1.compare.json'), 'utf8'));
const CA4_FEED = fs.readFileSync(path.join(FIXTURES, 'pacer/rss_feeds/ca4_1.xml')).toString('latin1');

/** A filing's token: letters and digits only, so no renderer breaks it apart. */
const TOKEN = /ZQ\d+F\d+Q/g;
const tokensIn = (text) => [...new Set(String(text).match(TOKEN) ?? [])];

/** Larger than the product's default FETCH_MAX_BYTES (5 MiB): the "sources that send 10 MB". */
const HUGE_BODY = Buffer.alloc(10 * 1024 * 1024, 'x');

function ca4Item(number, text) {
  const docId = `0040990${String(number).padStart(4, '0')}`;
  const link = 'https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=23-6105';
  return `<item>
\t<title>23-6105 Charlie Hardin v. D. Everett</title>
\t<link>${link}</link>
\t<description>[${text}] (&lt;a href='https://ecf.ca4.uscourts.gov/docs1/${docId}'>${number}&lt;/a>)</description>
\t<guid isPermaLink="true">${link}&amp;partId=${docId}</guid>
\t<pubDate>Fri, 03 Feb 2023 16:10:00 EST</pubDate>
</item>
`;
}

/** How each kind of source renders its filings (newest last in `texts`). */
const RENDER = {
  'pacer-rss': (texts) => ({
    contentType: 'application/rss+xml',
    body: Buffer.from(
      CA4_FEED.replace(
        /(<lastBuildDate>[^<]*<\/lastBuildDate>\s*)/,
        `$1${texts
          .map((t, i) => ca4Item(200 + i, t))
          .reverse()
          .join('')}`,
      ),
      'latin1',
    ),
  }),
  'scotus-docket': (texts) => {
    const doc = structuredClone(SCOTUS_DOCKET);
    for (const text of texts) doc.ProceedingsandOrder.push({ Date: 'Aug 20 2024', Text: text, Links: [] });
    return { contentType: 'application/json', body: Buffer.from(JSON.stringify(doc)) };
  },
  'page-watch': (texts, { layoutChanged } = {}) => {
    const rows = [...texts].reverse().map((t) => `<li>${t}</li>`);
    const region = layoutChanged
      ? `<div class="newsroom-grid">${rows.join('')}</div>`
      : `<section id="releases"><ul>${rows.join('')}<li>Welcome to the press room.</li></ul></section>`;
    return {
      contentType: 'text/html; charset=utf-8',
      body: Buffer.from(`<!DOCTYPE html><html><head><title>Press room</title></head><body><main>${region}</main></body></html>`),
    };
  },
};

/**
 * One source of the farm, on a loopback address of its own (127.0.0.N), so a source that hangs
 * holds up only its own host under the product's per-host politeness, as on the real web.
 */
class FarmSource {
  /**
   * @param {{ key: string, name: string, kind: keyof RENDER, address: string, fault?: string }} spec
   *   fault: null, '404', 'hang', 'huge' or 'layout' (the page drops its region after the baseline).
   */
  constructor(spec) {
    Object.assign(this, spec);
    this.fault = spec.fault ?? null;
    /** Filings in the order they appeared: token, text, visibleAt, polledAt (first request after visibleAt). */
    this.filings = [];
    this.requests = [];
    this.served = 0;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, this.address, resolve);
    });
    this.url = `http://${this.address}:${this.server.address().port}/${this.key}`;
  }

  add(token, text) {
    this.filings.push({ token, text, visibleAt: Date.now(), polledAt: null });
  }

  handle(req, res) {
    // robots.txt: none here, so everything is allowed (pollers ask each host once a day); not a poll.
    if (req.url === '/robots.txt') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const at = Date.now();
    this.requests.push(at);
    for (const f of this.filings) f.polledAt ??= at;
    if (this.fault === 'hang') return; // never answered: the poller's own timeout must end it
    if (this.fault === '404') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (this.fault === 'huge') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HUGE_BODY);
      return;
    }
    // A layout change shows only once the source had a baseline: the site was redesigned later.
    const { body, contentType } = RENDER[this.kind](
      this.filings.map((f) => f.text),
      { layoutChanged: this.fault === 'layout' && this.served > 0 },
    );
    this.served++;
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag }).end(body);
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A page-watch change's identity, from the fragment of its link ("#dw-change-1a2b3c4d5e6f"): a
 * message that lists page changes by title alone (Slack's burst) names the changes only so.
 */
const CHANGE = /#dw-change-([0-9a-f]{12})/g;
const changesIn = (text) => [...new Set([...String(text).matchAll(CHANGE)].map((m) => m[1]))];

/**
 * Every message that reached a destination: `{ recipient, at, id, tokens, changes }`, id being the
 * e-mail's Message-ID, the webhook-id, or the repeat key Slack and Teams messages carry
 * (`docketwatch-delivery-N`: the first block's block_id, the card heading's element id).
 */
class ArrivalLog {
  constructor() {
    this.received = [];
  }

  record(recipient, text, at, id) {
    this.received.push({ recipient, at, id, tokens: tokensIn(text), changes: changesIn(text) });
  }
}

/**
 * Slack, webhook and Teams receivers on one server: each path is one destination. A destination can
 * be told to fail (429 with Retry-After, or 500) the first attempt of each message; every request
 * that arrives while a destination is inside the Retry-After it last gave is counted as a request
 * to a held destination.
 */
class Receivers extends ArrivalLog {
  constructor() {
    super();
    this.requests = 0;
    /** Per path: until when (ms since the epoch) its last Retry-After holds it. */
    this.heldUntil = new Map();
    /** Requests that came inside a Retry-After: `{ path, at, heldUntil }`. */
    this.heldRequests = [];
    /** Per path: how to answer a message's first attempt ({ status, retryAfterSeconds }), while set. */
    this.failures = new Map();
    /** Messages already failed once (path + what they carry), so each fails at most once. */
    this.failedOnce = new Set();
    this.server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this.url;
  }

  handle(req, res, body) {
    const at = Date.now();
    const path = req.url ?? '/';
    this.requests++;
    const held = this.heldUntil.get(path) ?? 0;
    if (at < held) this.heldRequests.push({ path, at, heldUntil: held });
    const failure = this.failures.get(path);
    const webhookId = req.headers['webhook-id'] ?? repeatKeyIn(body);
    const message = `${path} ${webhookId ?? tokensIn(body).sort().join(',')}`;
    if (failure && !this.failedOnce.has(message)) {
      this.failedOnce.add(message);
      const headers = { 'content-type': 'text/plain' };
      if (failure.retryAfterSeconds) {
        headers['retry-after'] = String(failure.retryAfterSeconds);
        this.heldUntil.set(path, at + failure.retryAfterSeconds * 1000);
      }
      res.writeHead(failure.status, headers).end(failure.status === 429 ? 'rate_limited' : 'server error');
      return;
    }
    this.record(path, body, at, webhookId);
    res.writeHead(path.startsWith('/teams/') ? 202 : 200, { 'content-type': 'text/plain' }).end('ok');
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A real SMTP server; `replyDelayMs` makes it slow to accept, so senders are caught mid-send. */
class MailSink extends ArrivalLog {
  constructor() {
    super();
    this.replyDelayMs = 0;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      maxClients: 200,
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then((mail) => {
            const at = Date.now();
            const text = `${mail.subject ?? ''}\n${mail.text ?? ''}`;
            for (const rcpt of session.envelope.rcptTo) this.record(rcpt.address.toLowerCase(), text, at, mail.messageId ?? null);
            this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: mail.subject ?? '', text, at });
            setTimeout(cb, this.replyDelayMs);
          })
          .catch(cb);
      },
    });
    /** Every message, for the operator notices. */
    this.mails = [];
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${this.server.server.address().port}`;
  }

  async stop() {
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

module.exports = { FarmSource, Receivers, MailSink, tokensIn };

/** The repeat key of a Slack or Teams message (see repeatKeyOf in packages/notify), or null. */
function repeatKeyIn(body) {
  try {
    const message = JSON.parse(body);
    return message?.blocks?.[0]?.block_id ?? message?.attachments?.[0]?.content?.body?.[0]?.id ?? null;
  } catch {
    return null;
  }
}
