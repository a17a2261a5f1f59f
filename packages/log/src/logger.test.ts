import { maskUrlPassword } from './logger';

describe('maskUrlPassword', () => {
  it('masks the password and keeps the rest of a connection URL', () => {
    expect(maskUrlPassword('postgres://app:s3cret@db.example:5432/docketwatch')).toBe('postgres://app:***@db.example:5432/docketwatch');
    expect(maskUrlPassword('redis://cache.example:6379')).toBe('redis://cache.example:6379');
  });

  it('shows nothing of a URL it cannot parse', () => {
    expect(maskUrlPassword('not a url with a p@ssword')).toBe('[unparseable url]');
  });
});
