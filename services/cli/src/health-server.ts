import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '@docketwatch/log';

export interface Readiness {
  /** Pings every dependency now and names those that did not answer. */
  unavailable(): Promise<string[]>;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The probe and metrics listener of a process without the API (scheduler, poller, notifier,
 * inbound): `/livez` answers while the event loop runs, `/readyz` only while Postgres and Redis
 * answer, so an orchestrator restarts a stuck process and stops counting one that has lost its
 * dependencies; `/metrics` is the process's Prometheus exposition.
 */
export class HealthServer {
  private readonly server: Server;

  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Pick<Metrics, 'exposition'>,
  ) {
    this.server = createServer((request, response) => {
      void this.answer(request.method ?? 'GET', request.url ?? '/').then(({ status, contentType, body }) => {
        response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(body);
      });
    });
  }

  /** Listens and resolves to the bound address (port 0 picks a free one). */
  async start(host: string, port: number): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(method: string, url: string): Promise<Answer> {
    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'GET only' });
    const path = url.split('?')[0];
    if (path === '/livez') return json(200, { status: 'live' });
    if (path === '/readyz') {
      const unavailable = await this.readiness.unavailable();
      return unavailable.length === 0 ? json(200, { status: 'ready' }) : json(503, { status: 'unavailable', unavailable });
    }
    if (path === '/metrics') {
      const { contentType, body } = await this.metrics.exposition();
      return { status: 200, contentType, body };
    }
    return json(404, { error: 'not found: /livez, /readyz and /metrics are served here' });
  }
}

function json(status: number, body: object): Answer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}
