import type { Io } from './command-context';

const WIDTH = 30;

/**
 * A one-line bar redrawn in place on a terminal; nothing at all when the stream is a pipe or a file,
 * so scripts and logs see only the result.
 */
export class ProgressBar {
  private readonly drawing: boolean;

  constructor(
    private readonly stream: Io['progress'],
    private readonly label: string,
    private readonly total: number,
  ) {
    this.drawing = Boolean(stream.isTTY) && total > 0;
  }

  update(done: number): void {
    if (!this.drawing) return;
    const filled = Math.round((WIDTH * done) / this.total);
    const percent = Math.floor((100 * done) / this.total);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${this.total} ${percent}%`);
  }

  finish(): void {
    if (this.drawing) this.stream.write('\n');
  }
}
