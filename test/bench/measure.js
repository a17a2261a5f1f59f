// Figures from the outside of a process: CPU time and peak resident memory from /proc, and the
// order statistics the report prints (medians of rounds, latency percentiles).
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User plus system CPU seconds a live process has used so far (/proc/<pid>/stat utime + stime). */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may itself hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) / CLOCK_TICKS;
}

/** CPU seconds the whole machine has been busy (every core: user, nice, system, irq, softirq, steal). */
function machineBusySeconds() {
  const [, user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** CPU seconds used so far by every live process with this command name (`postgres`, `redis-server`). */
function commandCpuSeconds(command) {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) total += cpuSeconds(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/**
 * Where the machine's CPU went between two snapshots: docketwatch's processes, Postgres, Redis and the
 * whole machine (which includes the farm answering, and anything else running meanwhile), and the
 * wall seconds between them.
 */
function cpuSnapshot(pids) {
  return {
    docketwatch: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    postgres: commandCpuSeconds('postgres'),
    redis: commandCpuSeconds('redis-server'),
    machine: machineBusySeconds(),
    wall: performance.now() / 1000,
  };
}

function cpuSince(before, pids) {
  const after = cpuSnapshot(pids);
  return Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));
}

/** The highest resident set size a process has had (VmHWM), in bytes. */
function peakRssBytes(pid) {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : null;
}

/** Starts a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM); false where it cannot. */
function resetPeakRss(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Waits until `check` returns a truthy value, polling; the condition, not the clock, ends the wait. */
async function until(check, what, timeoutMs, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const round3 = (n) => (n === null || n === undefined ? null : Math.round(n * 1000) / 1000);
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round3(a / b));

module.exports = { cpuSeconds, cpuSnapshot, cpuSince, peakRssBytes, resetPeakRss, median, percentile, until, round3, ratio };
