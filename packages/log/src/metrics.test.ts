import { Metrics } from './metrics';

/** The value of one sample in an exposition, by its series name and exact label set as printed. */
function sample(exposition: string, series: string): string | undefined {
  return exposition
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.slice(series.length + 1);
}

describe('Metrics', () => {
  it('counts a poll by kind and outcome, what it stored, and only PARSE_ codes as parse failures', async () => {
    const metrics = new Metrics();
    metrics.recordPoll('pacer-rss', { outcome: 'stored', stored: 3, errorCode: null });
    metrics.recordPoll('pacer-rss', { outcome: 'failed', stored: 0, errorCode: 'PARSE_MALFORMED' });
    metrics.recordPoll('pacer-rss', { outcome: 'failed', stored: 0, errorCode: 'FETCH_TIMEOUT' });
    const { body } = await metrics.exposition();
    expect(sample(body, 'docketwatch_polls_total{kind="pacer-rss",outcome="stored"}')).toBe('1');
    expect(sample(body, 'docketwatch_polls_total{kind="pacer-rss",outcome="failed"}')).toBe('2');
    expect(sample(body, 'docketwatch_entries_stored_total{kind="pacer-rss"}')).toBe('3');
    expect(body.match(/^docketwatch_parse_failures_total\{.*$/gm)).toEqual([
      'docketwatch_parse_failures_total{kind="pacer-rss",code="PARSE_MALFORMED"} 1',
    ]);
  });

  it('times entries from stored to delivered per channel, never below zero', async () => {
    const metrics = new Metrics();
    const now = new Date('2026-01-01T12:00:00Z');
    metrics.recordDelivered('email', [new Date('2026-01-01T11:59:30Z'), new Date('2026-01-01T12:00:01Z')], now);
    const { body } = await metrics.exposition();
    expect(sample(body, 'docketwatch_first_seen_to_delivered_seconds_count{channel="email"}')).toBe('2');
    expect(sample(body, 'docketwatch_first_seen_to_delivered_seconds_sum{channel="email"}')).toBe('30');
  });

  it('exports a gauge read at scrape time only once its reader is given, and leaves out what a failed reader would say', async () => {
    const failures: unknown[] = [];
    const metrics = new Metrics((err) => failures.push(err));
    expect((await metrics.exposition()).body).not.toContain('docketwatch_source_last_success_age_seconds');

    let postgresUp = true;
    metrics.readAtScrape({
      sources: async () => {
        if (!postgresUp) throw new Error('connection refused');
        return [{ id: 7, kind: 'feed', name: 'Press "room"', intervalSeconds: 600, consecutiveFailures: 2, secondsSinceSuccess: 1200 }];
      },
      outboxLagSeconds: async () => (postgresUp ? 4 : null),
      dependencies: () => [{ name: 'postgres', up: postgresUp }],
    });
    let { body } = await metrics.exposition();
    expect(sample(body, 'docketwatch_source_last_success_age_seconds{source_id="7",kind="feed",name="Press \\"room\\""}')).toBe('1200');
    expect(sample(body, 'docketwatch_source_consecutive_failures{source_id="7",kind="feed",name="Press \\"room\\""}')).toBe('2');
    expect(sample(body, 'docketwatch_source_interval_seconds{source_id="7",kind="feed",name="Press \\"room\\""}')).toBe('600');
    expect(sample(body, 'docketwatch_outbox_lag_seconds')).toBe('4');
    expect(sample(body, 'docketwatch_dependency_up{dependency="postgres"}')).toBe('1');

    postgresUp = false;
    ({ body } = await metrics.exposition());
    expect(body).not.toMatch(/^docketwatch_source_last_success_age_seconds\{/m);
    // Unknown, not 0: prom-client writes NaN as "Nan", which Prometheus reads case-insensitively.
    expect(sample(body, 'docketwatch_outbox_lag_seconds')).toMatch(/^nan$/i);
    expect(sample(body, 'docketwatch_dependency_up{dependency="postgres"}')).toBe('0');
    // One failed query, however many gauges it feeds.
    expect(failures).toHaveLength(1);
  });
});
