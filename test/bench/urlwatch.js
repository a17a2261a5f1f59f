// urlwatch, the comparison: Debian's package (2.25 is the candidate), installed by the benchmark
// when missing, run over the same pages with the same selector (`css` then `html2text`) and a cache
// of its own. Cold is a run with an empty cache, warm the run after it. Its CPU and peak RSS come
// from getrusage(RUSAGE_CHILDREN) in a small Python wrapper (urlwatch needs Python anyway).
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');
const { execFile, spawnSync } = require('node:child_process');

/** Runs a command and reports wall and CPU seconds and peak RSS of it and its children, as JSON. */
const RUSAGE_WRAPPER = `
import json, resource, subprocess, sys, time
started = time.monotonic()
with open(sys.argv[1], "wb") as out:
    done = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
wall = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wallSeconds": wall, "cpuSeconds": usage.ru_utime + usage.ru_stime,
                  "peakRssMiB": usage.ru_maxrss / 1024, "exitCode": done.returncode,
                  "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
`;

function installedVersion() {
  const found = spawnSync('urlwatch', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim().replace(/^urlwatch\s+/, '') : null;
}

/** urlwatch's version, installing Debian's package when it is missing; null (and why) when it cannot be had. */
function ensureUrlwatch() {
  let version = installedVersion();
  if (version) return { version };
  const apt = (args) => spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  console.log('  urlwatch is not installed: apt-get install -y urlwatch');
  let install = apt(['install', '-y', '-qq', 'urlwatch']);
  // A fresh machine has no package lists yet.
  if (install.status !== 0) {
    apt(['update', '-qq']);
    install = apt(['install', '-y', '-qq', 'urlwatch']);
  }
  version = installedVersion();
  if (version) return { version };
  const why = (install.error?.message ?? install.stderr ?? '').trim().split('\n').slice(-1)[0] || `exit ${install.status}`;
  return { version: null, skipped: `urlwatch could not be installed with apt-get (${why}); its figures are left out` };
}

function urlsYaml(urls) {
  return urls
    .map((url, i) => [`name: "listing ${i}"`, `url: "${url}"`, 'filter:', "  - css: '#releases'", '  - html2text', ''].join('\n'))
    .join('---\n');
}

function python() {
  return fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/**
 * One urlwatch run over `urls`, keeping its cache in `dir` (so the second run in a folder is warm).
 * Asynchronous: the farm answering it runs in this process.
 */
async function runUrlwatch(urls, dir) {
  const files = { urls: path.join(dir, 'urls.yaml'), cache: path.join(dir, 'cache.db'), config: path.join(dir, 'urlwatch.yaml') };
  if (!fs.existsSync(files.urls)) {
    fs.writeFileSync(files.urls, urlsYaml(urls));
    // Its defaults (report to stdout) apart from colour; a missing file would be created in the same way.
    fs.writeFileSync(files.config, 'report:\n  stdout:\n    enabled: true\n    color: false\n');
  }
  const report = path.join(dir, 'report.txt');
  const args = ['urlwatch', '--urls', files.urls, '--cache', files.cache, '--config', files.config, '--hooks', path.join(dir, 'hooks.py')];
  const { stdout } = await promisify(execFile)(python(), ['-c', RUSAGE_WRAPPER, report, ...args], { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout);
  const text = fs.readFileSync(report, 'utf8');
  const count = (pattern) => (text.match(pattern) ?? []).length;
  return {
    wallSeconds: result.wallSeconds,
    cpuSeconds: result.cpuSeconds,
    peakRssMiB: result.peakRssMiB,
    errors: count(/^ERROR: /gm),
    exitCode: result.exitCode,
    ...(result.exitCode !== 0 ? { stderr: result.stderr } : {}),
  };
}

module.exports = { ensureUrlwatch, runUrlwatch };
