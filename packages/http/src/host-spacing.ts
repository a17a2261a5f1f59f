export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Past this many hosts, entries whose slot has passed are dropped so the map cannot grow without bound. */
const PRUNE_THRESHOLD = 1000;

/** Politeness: keeps requests to one host at least `intervalMs` apart, across concurrent callers. */
export class HostSpacer {
  readonly #nextSlot = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  async wait(host: string): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.#nextSlot.get(host) ?? 0);
    // Reserve the slot before sleeping so concurrent callers queue behind each other.
    this.#nextSlot.set(host, slot + this.intervalMs);
    if (this.#nextSlot.size > PRUNE_THRESHOLD) this.#prune(now);
    if (slot > now) await this.clock.sleep(slot - now);
  }

  #prune(now: number): void {
    for (const [host, next] of this.#nextSlot) {
      if (next <= now) this.#nextSlot.delete(host);
    }
  }
}
