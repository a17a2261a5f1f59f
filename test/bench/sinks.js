// Where the benchmark's alerts land: a real SMTP server and a Slack stand-in, both in this process,
// keeping only when each recipient's messages arrived (10,000 parsed messages would cost more
// memory than the figures are about).
const http = require('node:http');
const { SMTPServer } = require('smtp-server');

class ArrivalLog {
  constructor() {
    /** Per recipient (e-mail address or webhook path): arrival times, ms since the epoch. */
    this.arrivals = new Map();
    this.total = 0;
    this.last = 0;
  }

  record(recipient) {
    const now = Date.now();
    const list = this.arrivals.get(recipient) ?? [];
    list.push(now);
    this.arrivals.set(recipient, list);
    this.total++;
    this.last = Math.max(this.last, now);
  }

  /** The `n`th (1-based) arrival for a recipient, or undefined. */
  arrival(recipient, n = 1) {
    return this.arrivals.get(recipient)?.[n - 1];
  }
}

class MailSink extends ArrivalLog {
  constructor() {
    super();
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      maxClients: 1000,
      onData: (stream, session, cb) => {
        stream.resume();
        stream.on('end', () => {
          for (const rcpt of session.envelope.rcptTo) this.record(rcpt.address.toLowerCase());
          cb();
        });
      },
    });
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${this.server.server.address().port}`;
  }

  async stop() {
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Slack incoming webhooks: every POST is accepted with Slack's `ok`. */
class ChatSink extends ArrivalLog {
  constructor() {
    super();
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST') this.record(req.url ?? '/');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this.url;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

module.exports = { MailSink, ChatSink };
