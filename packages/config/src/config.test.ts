import { loadConfig } from './config';

describe('loadConfig', () => {
  it('gives embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.database.url).toBeNull();
    expect(c.database.dataDir).toBe('./.data');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.mail.smtpUrl).toBeNull();
    expect(c.http.port).toBe(3000);
    expect(c.http.publicUrl).toBe('http://localhost:3000');
    expect(c.fetch.allowPrivateAddresses).toBe(false);
  });

  it('reads the environment it is given', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', PORT: '8080', ALLOW_PRIVATE_URLS: 'true' });
    expect(c.database.url).toBe('postgres://u@h/db');
    expect(c.http.port).toBe(8080);
    expect(c.fetch.allowPrivateAddresses).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });
});
