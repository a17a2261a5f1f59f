/**
 * Keeps a short lease alive while work runs: `renew` is called every `everyMs` until stop(). A
 * worker that dies stops renewing, so its lease runs out within one lease length and another worker
 * takes the work over, instead of everyone waiting out a lease sized for the slowest job.
 */
export interface Heartbeat {
  /** Stops renewing and waits for a renewal in flight, so nothing renews after the caller moves on. */
  stop(): Promise<void>;
}

export function startHeartbeat(renew: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void): Heartbeat {
  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    // One renewal at a time: a slow database should not stack up renewals behind each other.
    inFlight = inFlight.then(() => renew().catch(onError));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
