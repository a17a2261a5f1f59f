import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  /** Pings every dependency now and names those that did not answer. */
  unavailable(): Promise<string[]>;
}

/**
 * The probe listener of a process without the API (scheduler, poller, notifier, inbound): `/livez`
 * answers while the event loop runs, `/readyz` only while Postgres and Redis answer, so an
 * orchestrator restarts a stuck process and stops counting one that has lost its dependencies.
 */
export class HealthServer {
  private readonly server: Server;

  constructor(private readonly readiness: Readiness) {
    this.server = createServer((request, response) => {
      void this.answer(request.method ?? 'GET', request.url ?? '/').then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(body));
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

  private async answer(method: string, url: string): Promise<{ status: number; body: object }> {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: { error: 'GET only' } };
    const path = url.split('?')[0];
    if (path === '/livez') return { status: 200, body: { status: 'live' } };
    if (path === '/readyz') {
      const unavailable = await this.readiness.unavailable();
      return unavailable.length === 0
        ? { status: 200, body: { status: 'ready' } }
        : { status: 503, body: { status: 'unavailable', unavailable } };
    }
    return { status: 404, body: { error: 'not found: /livez and /readyz are served here' } };
  }
}
