import { HostSpacer, type Clock } from './host-spacing';

/** A frozen clock whose sleeps only record how long they were asked to wait. */
function fakeClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => 1_000,
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
}

describe('HostSpacer', () => {
  it('spaces requests to one host and leaves other hosts alone', async () => {
    const clock = fakeClock();
    const spacer = new HostSpacer(500, clock);
    await spacer.wait('a.example:443');
    await spacer.wait('b.example:443');
    expect(clock.slept).toEqual([]);
    await spacer.wait('a.example:443');
    expect(clock.slept).toEqual([500]);
  });

  it('does not wait once the interval has passed', async () => {
    let now = 0;
    const slept: number[] = [];
    const spacer = new HostSpacer(500, { now: () => now, sleep: async (ms) => void slept.push(ms) });
    await spacer.wait('h');
    now = 600;
    await spacer.wait('h');
    expect(slept).toEqual([]);
  });

  it('queues concurrent callers behind each other', async () => {
    const clock = fakeClock();
    const spacer = new HostSpacer(100, clock);
    // Slots are reserved synchronously, so three callers started together get 0, 100 and 200.
    await Promise.all([spacer.wait('h'), spacer.wait('h'), spacer.wait('h')]);
    expect(clock.slept).toEqual([100, 200]);
  });
});
