/** Where a command writes: stdout for results, stderr for messages and (on a terminal) progress. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress bars are drawn here only when it is a terminal: never into a pipe or a log file. */
  progress: { isTTY?: boolean; columns?: number; write: (s: string) => unknown };
}

export const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  progress: process.stderr,
};

/** What every command's action gets, and where it leaves its exit code. */
export interface CommandContext {
  io: Io;
  env: NodeJS.ProcessEnv;
  exitCode: number;
}

/** Exit code for a command used wrongly (unknown command, missing or bad argument), as opposed to one that failed. */
export const USAGE_ERROR = 2;

/** An action whose resolved number becomes the process's exit code. */
export function exitWith<A extends unknown[]>(ctx: CommandContext, run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    ctx.exitCode = await run(...args);
  };
}
