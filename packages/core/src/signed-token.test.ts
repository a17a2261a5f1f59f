import { signExpiringToken, signToken, verifyExpiringToken, verifyToken } from './signed-token';

describe('signed tokens', () => {
  it('round-trips an id for its purpose only', () => {
    const t = signToken('s3cret', 'unsubscribe', 42);
    expect(verifyToken('s3cret', 'unsubscribe', t)).toBe(42);
    expect(verifyToken('s3cret', 'confirm', t)).toBeNull();
    expect(verifyToken('other', 'unsubscribe', t)).toBeNull();
  });

  it('rejects forged and malformed tokens', () => {
    const t = signToken('s3cret', 'unsubscribe', 42);
    expect(verifyToken('s3cret', 'unsubscribe', t.replace(/^42/, '43'))).toBeNull();
    expect(verifyToken('s3cret', 'unsubscribe', `${t}x`)).toBeNull();
    expect(verifyToken('s3cret', 'unsubscribe', '42')).toBeNull();
    expect(verifyToken('s3cret', 'unsubscribe', '../../etc/passwd')).toBeNull();
  });

  it('honours an expiry that cannot be moved without the secret', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const expires = new Date('2026-12-11T12:00:00Z');
    const t = signExpiringToken('s3cret', 'manage', 42, expires);
    expect(verifyExpiringToken('s3cret', 'manage', t, now)).toBe(42);
    expect(verifyExpiringToken('s3cret', 'manage', t, expires)).toBeNull();
    expect(verifyExpiringToken('s3cret', 'unsubscribe', t, now)).toBeNull();
    expect(verifyExpiringToken('other', 'manage', t, now)).toBeNull();
    const later = String(Math.floor(expires.getTime() / 1000) + 86_400);
    expect(verifyExpiringToken('s3cret', 'manage', t.replace(/\.(\d+)\./, `.${later}.`), expires)).toBeNull();
    expect(verifyExpiringToken('s3cret', 'manage', t.replace(/^42/, '43'), now)).toBeNull();
    expect(verifyExpiringToken('s3cret', 'manage', signToken('s3cret', 'manage', 42), now)).toBeNull();
  });
});
