import { urlForMessage } from './url-for-message';

describe('urlForMessage', () => {
  it('never shows a query string or userinfo', () => {
    expect(urlForMessage(new URL('https://user:pw@court.example/feed.xml?token=abc'), { showPath: true })).toBe(
      'https://court.example/feed.xml?…',
    );
  });

  it('shows only the origin of webhook-like URLs even when the path is allowed', () => {
    expect(urlForMessage(new URL('https://hooks.slack.com/services/T0/B0/SECRET'), { showPath: true })).toBe('https://hooks.slack.com');
    expect(urlForMessage(new URL('https://example.com/api/webhooks/123/SECRET'), { showPath: true })).toBe('https://example.com');
  });

  it('shows only the origin when the path is not allowed', () => {
    expect(urlForMessage(new URL('https://example.com/x/SECRET'), { showPath: false })).toBe('https://example.com');
  });
});
