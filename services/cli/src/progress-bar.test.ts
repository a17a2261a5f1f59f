import { ProgressBar } from './progress-bar';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (s: string) => written.push(s) };
}

describe('ProgressBar', () => {
  it('redraws one line in place on a terminal and ends it', () => {
    const tty = stream(true);
    const bar = new ProgressBar(tty, 'backfill', 4);
    bar.update(1);
    bar.update(4);
    bar.finish();
    expect(tty.written[0]).toBe(`\rbackfill [${'#'.repeat(8)}${'-'.repeat(22)}] 1/4 25%`);
    expect(tty.written[1]).toBe(`\rbackfill [${'#'.repeat(30)}] 4/4 100%`);
    expect(tty.written[2]).toBe('\n');
  });

  it('writes nothing into a pipe or a file', () => {
    const pipe = stream(false);
    const bar = new ProgressBar(pipe, 'backfill', 4);
    bar.update(2);
    bar.finish();
    expect(pipe.written).toEqual([]);
  });
});
