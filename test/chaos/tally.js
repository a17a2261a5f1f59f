// What one scenario's world saw, as the issue asks for it: filed, expected, delivered, duplicated
// (with and without the same Message-ID or webhook-id) and lost; requests to a held destination;
// filing-to-alert latency from the poll that first saw the filing; operator notices; Redis keys.

/** Nearest-rank percentile (p in 0..100), or null without samples. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round3 = (n) => (n === null || n === undefined ? null : Math.round(n * 1000) / 1000);

function latencyOf(seconds) {
  return {
    samples: seconds.length,
    p50Seconds: round3(percentile(seconds, 50)),
    p95Seconds: round3(percentile(seconds, 95)),
    p99Seconds: round3(percentile(seconds, 99)),
    maxSeconds: round3(seconds.length ? Math.max(...seconds) : null),
  };
}

/** A recipient's channel: an e-mail address, or a receiver path (/slack/…, /webhook/…, /teams/…). */
const channelOf = (recipient) => (recipient.includes('@') ? 'email' : recipient.split('/')[1]);

/** @param {import('./scenarios').ScenarioRun} run */
function tallyScenario(run, arrivals, { seconds, redisKeys, roleErrors, operator, faultyNames }) {
  const byPair = new Map();
  for (const a of arrivals) {
    const key = `${a.token} ${a.recipient}`;
    if (!byPair.has(key)) byPair.set(key, []);
    byPair.get(key).push(a);
  }
  const filings = new Map(run.healthy.flatMap((s) => s.filings.map((f) => [f.token, f])));
  const expected = run.expectedPairs();
  const expectedKeys = new Set(expected.map((p) => `${p.token} ${p.recipient}`));

  let delivered = 0;
  let duplicated = 0;
  let duplicatesSameId = 0;
  const lostPairs = [];
  const latencies = [];
  for (const pair of expected) {
    const got = byPair.get(`${pair.token} ${pair.recipient}`) ?? [];
    if (got.length === 0) {
      lostPairs.push(`${pair.token} → ${pair.recipient}`);
      continue;
    }
    delivered++;
    const [first, ...repeats] = got;
    duplicated += repeats.length;
    // A repeat the receiver can recognise carries the first arrival's Message-ID or webhook-id.
    duplicatesSameId += repeats.filter((r) => first.id !== null && r.id === first.id).length;
    const polledAt = filings.get(pair.token)?.polledAt;
    if (polledAt) latencies.push({ channel: channelOf(pair.recipient), seconds: (first.at - polledAt) / 1000 });
  }
  const unexpected = [...byPair.keys()].filter((key) => !expectedKeys.has(key)).length;
  // A subscriber's message that carries no filing at all: an alert about nothing that was filed.
  const aboutNothing = [...run.mail.received, ...run.receivers.received].filter(
    (m) => m.recipient !== operator && m.tokens.length === 0 && m.changes.length === 0,
  ).length;

  const burstTokens = new Set(run.bursts.flatMap((b) => b.tokens));
  const slackMissingFromBursts = run.bursts.length
    ? expected.filter((p) => p.recipient.startsWith('/slack/') && burstTokens.has(p.token) && !byPair.has(`${p.token} ${p.recipient}`))
        .length
    : null;

  // A dead sender's deliveries resumed: from the kill to the first arrival, after it, of what it held.
  const resumes = run.resumes.map((r) => {
    const next = r.pairs
      .map((p) => (byPair.get(`${p.token} ${p.recipient}`) ?? []).find((a) => a.at > r.killedAt)?.at)
      .filter((at) => at !== undefined);
    return {
      role: r.role,
      heldDeliveries: r.held,
      resumedAfterSeconds: next.length ? round3((Math.min(...next) - r.killedAt) / 1000) : null,
    };
  });

  const operatorMails = run.mail.mails.filter((m) => m.to.includes(operator));
  const wentBad = [...run.everFailing.entries()].map(([name, seen]) => ({
    name,
    health: seen.healths.join(' then '),
    lastErrorCode: seen.lastErrorCode,
  }));
  const noticeFor = (name) => operatorMails.some((m) => `${m.subject}\n${m.text}`.includes(name));
  const heldRequests = run.receivers.heldRequests;

  return {
    scenario: run.spec.id,
    title: run.spec.title,
    streamSeconds: seconds,
    wallSeconds: round3((Date.now() - run.startedAt) / 1000),
    filed: filings.size,
    expected: expected.length,
    delivered,
    duplicated,
    duplicatesSameId,
    duplicatesWithoutSameId: duplicated - duplicatesSameId,
    lost: lostPairs.length,
    lostPairs: lostPairs.slice(0, 20),
    unexpected,
    alertsWithoutFiling: aboutNothing,
    heldRequests: heldRequests.length,
    heldRequestPaths: [...new Set(heldRequests.map((h) => h.path))],
    latency: latencyOf(latencies.map((l) => l.seconds)),
    latencyByChannel: Object.fromEntries(
      ['email', 'slack', 'webhook', 'teams'].map((channel) => [
        channel,
        latencyOf(latencies.filter((l) => l.channel === channel).map((l) => l.seconds)),
      ]),
    ),
    operatorNotices: operatorMails.length,
    sourcesWentBad: wentBad,
    sourcesBadWithoutNotice: wentBad.filter((s) => !noticeFor(s.name)).map((s) => s.name),
    faultySourcesNeverBad: run.spec.faultySources ? faultyNames.filter((n) => !run.everFailing.has(n)) : [],
    redisKeys,
    slackMissingFromBursts,
    resumes,
    messages: { mail: run.mail.received.length, chat: run.receivers.received.length, receiverRequests: run.receivers.requests },
    roleErrors,
    roleCrashes: run.install.crashes.map((c) => ({
      role: c.role,
      atSeconds: round3((c.at - run.streamStartedAt) / 1000),
      exit: c.exit,
      whileRunning: c.ready,
      lastWords: c.lastWords,
    })),
    faults: run.faults,
  };
}

module.exports = { tallyScenario };
