import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Route {
  status?: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Never answer: the client is left waiting, as with a stalled court server. */
  hang?: boolean;
  /** Answer after this long, so requests overlap and `maxInFlight` can count them. */
  delayMs?: number;
}

/**
 * A local HTTP server standing in for a court, a press room or Slack. Routes are swapped while
 * tests run; bodies get a strong ETag and conditional GETs are answered with 304, as courts do.
 */
export class HttpStandIn {
  readonly requests: RecordedRequest[] = [];
  /** The most requests this stand-in was answering at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly routes = new Map<string, Route | ((req: RecordedRequest) => Route)>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  set(path: string, route: Route | ((req: RecordedRequest) => Route)): void {
    this.routes.set(path, route);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      const found = this.routes.get(recorded.path);
      if (!found) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const route = typeof found === 'function' ? found(recorded) : found;
      if (route.hang) return;
      if (route.delayMs) setTimeout(() => this.answer(req, res, route), route.delayMs);
      else this.answer(req, res, route);
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, route: Route): void {
    const etag = `"${createHash('sha1').update(route.body).digest('hex')}"`;
    if ((route.status ?? 200) === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res
      .writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/plain', etag, ...(route.headers ?? {}) })
      .end(route.body);
  }
}
