#!/usr/bin/env node
// The bare-fetch floor, in a process of its own like docketwatch's poller: undici fetching every
// URL with 16 requests in flight, first without validators (cold), then with If-None-Match (warm).
// Nothing is parsed or stored. Prints one JSON line: { cold, warm } with wall and CPU seconds, and
// the process's peak RSS.
// Usage: node test/bench/floor.js <file with one URL a line> [concurrency]
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { Agent, request } = require('undici');

async function pass(urls, concurrency, agent, etags) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < urls.length; i = next++) {
        const etag = etags.get(urls[i]);
        const res = await request(urls[i], { dispatcher: agent, headers: etag ? { 'if-none-match': etag } : {} });
        if (res.statusCode === 200) {
          await res.body.arrayBuffer();
          etags.set(urls[i], res.headers.etag);
        } else {
          await res.body.dump();
          if (res.statusCode !== 304) failed++;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { wallSeconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, failed };
}

async function main() {
  const urls = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const concurrency = Number(process.argv[3] ?? 16);
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const etags = new Map();
  const cold = await pass(urls, concurrency, agent, etags);
  const warm = await pass(urls, concurrency, agent, etags);
  await agent.close();
  process.stdout.write(`${JSON.stringify({ cold, warm, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
