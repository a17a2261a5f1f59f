import type { Logger } from '@docketwatch/log';

export interface Dependency {
  /** "postgres", "redis". */
  name: string;
  /** Resolves when the dependency answers; rejects with why not. */
  ping: () => Promise<void>;
}

/**
 * Watches what a process depends on and says so when one goes away and when it comes back: once
 * each way, with the error, instead of every failed job logging (or, as before, nothing at all).
 * Jobs and requests keep failing and retrying on their own; this only makes an outage visible.
 */
export class DependencyWatch {
  private readonly down = new Map<string, { since: Date }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dependencies: Dependency[],
    private readonly log: Logger,
    private readonly intervalMs = 2000,
    /** A ping that has not answered by then counts as down (a queued Redis command never rejects). */
    private readonly timeoutMs = 3000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The dependencies that are down now. */
  get unavailable(): string[] {
    return [...this.down.keys()];
  }

  /** Each dependency and whether it answered the last round of pings (the metrics' docketwatch_dependency_up). */
  get states(): { name: string; up: boolean }[] {
    return this.dependencies.map(({ name }) => ({ name, up: !this.down.has(name) }));
  }

  /** One round of pings; a round still running is not started twice. */
  async check(): Promise<void> {
    if (this.running) return this.running;
    this.running = Promise.all(this.dependencies.map((d) => this.checkOne(d))).then(() => undefined);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async checkOne(dependency: Dependency): Promise<void> {
    const wasDown = this.down.get(dependency.name);
    try {
      await withTimeout(dependency.ping(), this.timeoutMs, `no answer within ${this.timeoutMs} ms`);
      if (wasDown) {
        this.down.delete(dependency.name);
        const seconds = Math.round((Date.now() - wasDown.since.getTime()) / 1000);
        this.log.info({ dependency: dependency.name, downSeconds: seconds }, `${dependency.name} is back`);
      }
    } catch (err) {
      if (wasDown) return;
      this.down.set(dependency.name, { since: new Date() });
      this.log.error({ dependency: dependency.name, err }, `${dependency.name} is unreachable: work that needs it waits and retries`);
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
