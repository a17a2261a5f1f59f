import { isDocketwatchError } from '@docketwatch/core';
import { COURTLISTENER_WEBHOOK_SENDERS, createWebhookSenderCheck, verifyWebhookSender } from './courtlistener-sender-check';

describe('verifyWebhookSender with CourtListener’s published senders', () => {
  it.each([
    ['34.210.230.218', true],
    ['54.189.59.91', true],
    // How a dual-stack (::) listener reports an IPv4 peer.
    ['::ffff:34.210.230.218', true],
    ['::ffff:22d2:e6da', true],
    ['34.210.230.219', false],
    ['127.0.0.1', false],
    ['::1', false],
    // NAT64 embeds the same IPv4 address but is another route; not unwrapped.
    ['64:ff9b::22d2:e6da', false],
    ['', false],
    ['not an address', false],
    [undefined, false],
    [null, false],
  ])('%s -> %s', (address, allowed) => {
    expect(verifyWebhookSender(address)).toBe(allowed);
  });

  it('publishes the two documented addresses', () => {
    expect(COURTLISTENER_WEBHOOK_SENDERS).toEqual(['34.210.230.218', '54.189.59.91']);
  });
});

describe('createWebhookSenderCheck with CIDR blocks', () => {
  const check = createWebhookSenderCheck(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '[fd00::1]', '0.0.0.0/32']);

  it.each([
    ['10.255.1.2', true],
    ['11.0.0.1', false],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['::ffff:10.1.2.3', true],
    ['2001:db8:abcd::1', true],
    ['[2001:db8::5]', true],
    ['2001:db9::1', false],
    ['fd00::1', true],
    ['fe80::1%eth0', false],
    ['0.0.0.1', false],
  ])('%s -> %s', (address, allowed) => {
    expect(check(address)).toBe(allowed);
  });

  it('allows everything only when asked to (0.0.0.0/0, ::/0)', () => {
    const all = createWebhookSenderCheck(['0.0.0.0/0', '::/0']);
    expect(all('203.0.113.9')).toBe(true);
    expect(all('2001:db8::1')).toBe(true);
    expect(createWebhookSenderCheck([])('34.210.230.218')).toBe(false);
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', 'example.com', '10.0.0.0/8/1', '10.0.0.0/x', ''])(
    'refuses the entry %j as CONFIG_INVALID',
    (entry) => {
      let caught: unknown;
      try {
        createWebhookSenderCheck([entry]);
      } catch (err) {
        caught = err;
      }
      expect(isDocketwatchError(caught) && caught.code).toBe('CONFIG_INVALID');
    },
  );
});
