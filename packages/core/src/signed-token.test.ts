import { signToken, verifyToken } from './signed-token';

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
});
