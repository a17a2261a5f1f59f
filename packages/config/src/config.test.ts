import { loadConfig } from './config';

describe('loadConfig', () => {
  it('gives embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.database.url).toBeNull();
    expect(c.database.dataDir).toBe('./.data');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.mail.smtpUrl).toBeNull();
    expect(c.http.port).toBe(3000);
    expect(c.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.fetch.allowPrivateAddresses).toBe(false);
  });

  it('reads the environment it is given', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', PORT: '8080', ALLOW_PRIVATE_URLS: 'true' });
    expect(c.database.url).toBe('postgres://u@h/db');
    expect(c.http.port).toBe(8080);
    expect(c.fetch.allowPrivateAddresses).toBe(true);
  });

  it('migrates at start unless told not to, and opens a probe listener only when given a port', () => {
    expect(loadConfig({}).database.migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).database.migrateOnStart).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'sometimes' })).toThrow(/MIGRATE_ON_START/);
    expect(loadConfig({}).health.port).toBeNull();
    expect(loadConfig({ HEALTH_PORT: '9090' }).health.port).toBe(9090);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT/);
  });

  it('points links at the address the server prints, unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '4000' }).http.publicUrl).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ HOST: '0.0.0.0' }).http.publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '::1' }).http.publicUrl).toBe('http://[::1]:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://dw.example.org/' }).http.publicUrl).toBe('https://dw.example.org');
  });

  it('trusts a reverse proxy only when told which', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).http.trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the rate limits', () => {
    expect(loadConfig({}).rateLimits).toEqual({ requestsPerMinute: 300, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 30 });
    expect(loadConfig({ MAIL_LIMIT_PER_ADDRESS_PER_HOUR: '5' }).rateLimits.mailsPerAddressPerHour).toBe(5);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('trusts only DKIM-authenticated court mail by default, and a relay only with its authserv-id', () => {
    expect(loadConfig({}).inboundSmtp).toMatchObject({
      maxBytes: 10 * 1024 * 1024,
      maxClients: 20,
      trust: { courtDomains: ['uscourts.gov', 'supremecourt.gov', 'sc-us.gov'], accept: 'dkim', relays: [], relayAuthservId: null },
    });
    const relayed = loadConfig({ INBOUND_TRUSTED_RELAYS: '10.0.0.5, 192.168.1.0/24,::1', INBOUND_RELAY_AUTHSERV_ID: 'mx.example.org' });
    expect(relayed.inboundSmtp.trust).toMatchObject({ relays: ['10.0.0.5', '192.168.1.0/24', '::1'], relayAuthservId: 'mx.example.org' });
    expect(() => loadConfig({ INBOUND_TRUSTED_RELAYS: '10.0.0.5' })).toThrow(/INBOUND_RELAY_AUTHSERV_ID/);
    expect(() => loadConfig({ INBOUND_TRUSTED_RELAYS: '10.0.0.0/33', INBOUND_RELAY_AUTHSERV_ID: 'mx' })).toThrow(/INBOUND_TRUSTED_RELAYS/);
    expect(() => loadConfig({ INBOUND_TRUSTED_RELAYS: 'mx.example.org', INBOUND_RELAY_AUTHSERV_ID: 'mx' })).toThrow(
      /INBOUND_TRUSTED_RELAYS/,
    );
    expect(() => loadConfig({ INBOUND_COURT_DOMAINS: 'not a domain' })).toThrow(/INBOUND_COURT_DOMAINS/);
  });

  it('reads politeness: two requests per host at once and no spacing by default, with per-host overrides', () => {
    expect(loadConfig({}).politeness).toEqual({ defaults: { concurrency: 2, spacingMs: 0 }, hosts: {} });
    const careful = loadConfig({
      POLITENESS_HOST_CONCURRENCY: '3',
      POLITENESS_HOST_SPACING_MS: '500',
      POLITENESS_HOSTS: '{"WWW.SupremeCourt.gov":{"concurrency":1,"spacingMs":2000},"court.example:8443":{"spacingMs":100}}',
    });
    expect(careful.politeness).toEqual({
      defaults: { concurrency: 3, spacingMs: 500 },
      hosts: { 'www.supremecourt.gov': { concurrency: 1, spacingMs: 2000 }, 'court.example:8443': { spacingMs: 100 } },
    });
    expect(() => loadConfig({ POLITENESS_HOSTS: 'not json' })).toThrow(/POLITENESS_HOSTS/);
    expect(() => loadConfig({ POLITENESS_HOSTS: '{"a.example":{"concurrency":0}}' })).toThrow(/POLITENESS_HOSTS/);
    expect(() => loadConfig({ POLITENESS_HOSTS: '{"a.example":{"delay":5}}' })).toThrow(/POLITENESS_HOSTS/);
  });

  it("reads the CourtListener account's throttle, leaving the default to the client", () => {
    expect(loadConfig({}).courtListener.limits).toBeNull();
    expect(loadConfig({ COURTLISTENER_LIMITS: '5/minute, 5000/hour' }).courtListener.limits).toEqual([
      { limit: 5, perMs: 60_000 },
      { limit: 5000, perMs: 3_600_000 },
    ]);
    expect(() => loadConfig({ COURTLISTENER_LIMITS: '5 a minute' })).toThrow(/COURTLISTENER_LIMITS/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });
});
