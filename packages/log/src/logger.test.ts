import { Writable } from 'node:stream';
import { createLogger, maskUrlPassword } from './logger';

describe('maskUrlPassword', () => {
  it('masks the password and keeps the rest of a connection URL', () => {
    expect(maskUrlPassword('postgres://app:s3cret@db.example:5432/docketwatch')).toBe('postgres://app:***@db.example:5432/docketwatch');
    expect(maskUrlPassword('redis://cache.example:6379')).toBe('redis://cache.example:6379');
  });

  it('shows nothing of a URL it cannot parse', () => {
    expect(maskUrlPassword('not a url with a p@ssword')).toBe('[unparseable url]');
  });
});

describe('createLogger', () => {
  it('logs an Error passed as err with its message and stack, and still redacts secrets on it', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({
      name: 'test',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
          done();
        },
      }),
    });
    const err = Object.assign(new Error('upstream refused'), { token: 's3cret-token' });
    log.warn({ err, password: 'hunter2' }, 'something failed');
    expect(lines).toHaveLength(1);
    const logged = lines[0]!.err as Record<string, unknown>;
    expect(logged.message).toBe('upstream refused');
    expect(logged.stack).toEqual(expect.stringContaining('Error: upstream refused\n    at '));
    expect(logged.token).toBe('[redacted]');
    expect(lines[0]!.password).toBe('[redacted]');
    expect(JSON.stringify(lines[0])).not.toMatch(/s3cret-token|hunter2/);
  });
});
