import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  parseSecret,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookHeaders,
  type WebhookVerificationFailure,
} from './standard-webhooks';

/**
 * Test vectors from the Standard Webhooks reference libraries (github.com/standard-webhooks/standard-webhooks):
 * libraries/javascript/src/webhook.test.ts and libraries/python/tests/test_webhooks.py ("sign function
 * works": secret, id, timestamp and payload below sign to EXPECTED_SIGNATURE; the defaults of their
 * TestPayload; the invalid, partial and multi-signature headers).
 */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  unprefixedSecret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
/** From the Python reference tests: the vector with its last character changed. */
const PYTHON_INVALID_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=';
/** From both reference test suites. */
const JS_INVALID_SIGNATURE = 'v1,dawfeoifkpqwoekfpqoekf';
const WRONG_V1 = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
const WRONG_V2 = 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';

const AT_VECTOR = new Date(VECTOR.timestamp * 1000);

function vectorHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    'webhook-id': VECTOR.id,
    'webhook-timestamp': String(VECTOR.timestamp),
    'webhook-signature': VECTOR.signature,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
}

function failure(run: () => unknown): WebhookVerificationFailure {
  try {
    run();
  } catch (err) {
    if (err instanceof WebhookVerificationError) return err.reason;
    throw err;
  }
  throw new Error('expected verification to fail');
}

describe('Standard Webhooks reference vectors', () => {
  it('signs the reference message exactly ("sign function works")', () => {
    expect(signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, payload: VECTOR.payload }, [VECTOR.secret])).toBe(VECTOR.signature);
  });

  it('signs the same with and without the whsec_ prefix, and over bytes as over a string', () => {
    expect(signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, payload: VECTOR.payload }, [VECTOR.unprefixedSecret])).toBe(
      VECTOR.signature,
    );
    expect(signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, payload: Buffer.from(VECTOR.payload) }, [VECTOR.secret])).toBe(
      VECTOR.signature,
    );
  });

  it('verifies the reference message, with and without the prefix', () => {
    expect(verifyWebhook(vectorHeaders(), VECTOR.payload, VECTOR.secret, { now: AT_VECTOR })).toEqual({
      id: VECTOR.id,
      timestamp: VECTOR.timestamp,
    });
    expect(verifyWebhook(vectorHeaders(), VECTOR.payload, VECTOR.unprefixedSecret, { now: AT_VECTOR }).id).toBe(VECTOR.id);
  });

  it('reads headers in any letter case and from a fetch Headers object', () => {
    const upper = Object.fromEntries(Object.entries(vectorHeaders()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(upper, VECTOR.payload, VECTOR.secret, { now: AT_VECTOR }).id).toBe(VECTOR.id);
    const fetchHeaders: WebhookHeaders = new Headers(vectorHeaders());
    expect(verifyWebhook(fetchHeaders, VECTOR.payload, VECTOR.secret, { now: AT_VECTOR }).id).toBe(VECTOR.id);
  });

  it('refuses missing id, timestamp or signature, and an invalid timestamp ("hello")', () => {
    const verify = (h: Record<string, string>) => () => verifyWebhook(h, VECTOR.payload, VECTOR.secret, { now: AT_VECTOR });
    expect(failure(verify(vectorHeaders({ 'webhook-id': undefined })))).toBe('missing-headers');
    expect(failure(verify(vectorHeaders({ 'webhook-timestamp': undefined })))).toBe('missing-headers');
    expect(failure(verify(vectorHeaders({ 'webhook-signature': undefined })))).toBe('missing-headers');
    expect(failure(verify(vectorHeaders({ 'webhook-timestamp': 'hello' })))).toBe('invalid-headers');
  });

  it('refuses the invalid and partial signatures of the reference tests', () => {
    for (const signature of [JS_INVALID_SIGNATURE, PYTHON_INVALID_SIGNATURE, VECTOR.signature.slice(0, 8), 'v1,', 'v1', '']) {
      const reason = failure(() =>
        verifyWebhook(vectorHeaders({ 'webhook-signature': signature }), VECTOR.payload, VECTOR.secret, { now: AT_VECTOR }),
      );
      expect([signature, reason]).toEqual([signature, signature === '' ? 'missing-headers' : 'no-matching-signature']);
    }
  });

  it('accepts a header listing several signatures, one of them valid ("multi sig payload is valid")', () => {
    const signature = [WRONG_V1, WRONG_V2, VECTOR.signature, WRONG_V1].join(' ');
    expect(verifyWebhook(vectorHeaders({ 'webhook-signature': signature }), VECTOR.payload, VECTOR.secret, { now: AT_VECTOR }).id).toBe(
      VECTOR.id,
    );
  });

  it('ignores signatures of other versions even when their bytes match (v1a, v2)', () => {
    const bytes = VECTOR.signature.slice(3);
    expect(
      failure(() =>
        verifyWebhook(vectorHeaders({ 'webhook-signature': `v2,${bytes} v1a,${bytes}` }), VECTOR.payload, VECTOR.secret, {
          now: AT_VECTOR,
        }),
      ),
    ).toBe('no-matching-signature');
  });
});

describe('timestamp tolerance (5 minutes either way by default, as in the reference libraries)', () => {
  const verifyAt = (offsetSeconds: number, toleranceSeconds?: number) => () =>
    verifyWebhook(vectorHeaders(), VECTOR.payload, VECTOR.secret, {
      now: new Date((VECTOR.timestamp + offsetSeconds) * 1000),
      ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
    });

  it('accepts up to the edge of the window', () => {
    expect(verifyAt(300)().id).toBe(VECTOR.id);
    expect(verifyAt(-300)().id).toBe(VECTOR.id);
  });

  it('refuses a stale message (replay) and one from the future', () => {
    expect(failure(verifyAt(301))).toBe('timestamp-too-old');
    expect(failure(verifyAt(-301))).toBe('timestamp-too-new');
    // The reference tests: tolerance + 1 s either side.
    expect(failure(verifyAt(5 * 60 + 1))).toBe('timestamp-too-old');
  });

  it('honours a custom tolerance', () => {
    expect(failure(verifyAt(31, 30))).toBe('timestamp-too-old');
    expect(verifyAt(3600, 7200)().id).toBe(VECTOR.id);
  });

  it('checks the timestamp before the signature, and the timestamp is signed', () => {
    // A captured message replayed with a fresh timestamp no longer matches its signature.
    const fresh = vectorHeaders({ 'webhook-timestamp': String(VECTOR.timestamp + 1000) });
    expect(failure(() => verifyWebhook(fresh, VECTOR.payload, VECTOR.secret, { now: new Date((VECTOR.timestamp + 1000) * 1000) }))).toBe(
      'no-matching-signature',
    );
  });
});

describe('tampering', () => {
  const now = AT_VECTOR;
  it('refuses a changed body, id, or a different secret', () => {
    expect(failure(() => verifyWebhook(vectorHeaders(), '{"test": 2432232315}', VECTOR.secret, { now }))).toBe('no-matching-signature');
    expect(failure(() => verifyWebhook(vectorHeaders(), `${VECTOR.payload} `, VECTOR.secret, { now }))).toBe('no-matching-signature');
    expect(failure(() => verifyWebhook(vectorHeaders({ 'webhook-id': 'msg_other' }), VECTOR.payload, VECTOR.secret, { now }))).toBe(
      'no-matching-signature',
    );
    expect(failure(() => verifyWebhook(vectorHeaders(), VECTOR.payload, generateWebhookSecret(), { now }))).toBe('no-matching-signature');
  });

  it('refuses a re-serialised body (the signature covers the exact bytes)', () => {
    const reserialised = JSON.stringify(JSON.parse(VECTOR.payload));
    expect(reserialised).not.toBe(VECTOR.payload);
    expect(failure(() => verifyWebhook(vectorHeaders(), reserialised, VECTOR.secret, { now }))).toBe('no-matching-signature');
  });

  it('does not accept a non-canonical spelling of the right signature', () => {
    for (const signature of [
      `${VECTOR.signature}\n`,
      `${VECTOR.signature}==`,
      VECTOR.signature.replace('v1,', 'v1, '),
      VECTOR.signature.toLowerCase(),
    ]) {
      expect(failure(() => verifyWebhook(vectorHeaders({ 'webhook-signature': signature }), VECTOR.payload, VECTOR.secret, { now }))).toBe(
        'no-matching-signature',
      );
    }
  });
});

describe('secret rotation', () => {
  it('signs with every active secret, so receivers holding either one accept the message', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const message = { id: 'msg_rotation', timestamp: 1_700_000_000, payload: '{"type":"docket.entry.created"}' };
    const header = signWebhook(message, [newSecret, oldSecret]);
    const parts = header.split(' ');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(signWebhook(message, [newSecret]));
    expect(parts[1]).toBe(signWebhook(message, [oldSecret]));
    const headers = { 'webhook-id': message.id, 'webhook-timestamp': String(message.timestamp), 'webhook-signature': header };
    const now = new Date(message.timestamp * 1000);
    expect(verifyWebhook(headers, message.payload, oldSecret, { now }).id).toBe(message.id);
    expect(verifyWebhook(headers, message.payload, newSecret, { now }).id).toBe(message.id);
    // A receiver mid-rotation may hold several secrets too.
    expect(verifyWebhook(headers, message.payload, [generateWebhookSecret(), newSecret], { now }).id).toBe(message.id);
    // After the overlap only the new secret signs; the old one no longer verifies.
    const after = { ...headers, 'webhook-signature': signWebhook(message, [newSecret]) };
    expect(failure(() => verifyWebhook(after, message.payload, oldSecret, { now }))).toBe('no-matching-signature');
  });

  it('lists a secret given twice once', () => {
    expect(signWebhook(VECTOR, [VECTOR.secret, VECTOR.unprefixedSecret])).toBe(VECTOR.signature);
  });
});

describe('secrets', () => {
  it('generates whsec_ secrets of 24 to 64 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(parseSecret(secret)).toHaveLength(32);
    expect(parseSecret(generateWebhookSecret(24))).toHaveLength(24);
    expect(parseSecret(generateWebhookSecret(64))).toHaveLength(64);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(() => generateWebhookSecret(16)).toThrow(RangeError);
    expect(() => generateWebhookSecret(65)).toThrow(RangeError);
  });

  it('parses the key bytes with or without the prefix, and refuses short or malformed secrets', () => {
    expect(parseSecret(VECTOR.secret).equals(Buffer.from(VECTOR.unprefixedSecret, 'base64'))).toBe(true);
    for (const bad of ['', 'whsec_', 'whsec_c2hvcnQ=', 'whsec_not base64!', `whsec_${Buffer.alloc(65).toString('base64')}`]) {
      expect(() => parseSecret(bad)).toThrow(TypeError);
    }
    try {
      parseSecret('whsec_c2hvcnQ=');
    } catch (err) {
      expect((err as Error).message).not.toContain('c2hvcnQ');
    }
  });

  it('refuses message ids that could break the signed content or the header', () => {
    for (const id of ['', 'msg.1', 'msg 1', 'msg\r\nx: y', 'é']) {
      expect(() => signWebhook({ id, timestamp: 1, payload: '{}' }, [VECTOR.secret])).toThrow(TypeError);
    }
    expect(() => signWebhook({ id: 'msg_1', timestamp: 1.5, payload: '{}' }, [VECTOR.secret])).toThrow(TypeError);
    expect(() => signWebhook({ id: 'msg_1', timestamp: 1, payload: '{}' }, [])).toThrow(TypeError);
  });

  it('signs the spec content `${id}.${timestamp}.${payload}` with HMAC-SHA256', () => {
    const secret = generateWebhookSecret();
    const content = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1674087231.{"type":"contact.created"}';
    const want = createHmac('sha256', parseSecret(secret)).update(content).digest('base64');
    expect(
      signWebhook({ id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', timestamp: 1674087231, payload: '{"type":"contact.created"}' }, [secret]),
    ).toBe(`v1,${want}`);
  });
});
