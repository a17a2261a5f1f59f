import { NoticeAuthenticator, type NoticeTrust } from './authenticate-notice';

const TRUST: NoticeTrust = {
  courtDomains: ['uscourts.gov', 'sc-us.gov'],
  accept: 'dkim',
  relays: ['10.0.0.0/24', '::1'],
  relayAuthservId: 'mx.example.org',
};
const RELAY = { ip: '10.0.0.7', helo: 'mx.example.org', sender: 'ecf@ded.uscourts.gov' };
const OUTSIDER = { ...RELAY, ip: '203.0.113.9' };
/** No DNS at all: a lookup would be a bug in these cases. */
const noDns = async (name: string): Promise<string[][]> => {
  throw Object.assign(new Error(`no DNS in this test (${name})`), { code: 'ENOTFOUND' });
};
const auth = new NoticeAuthenticator(TRUST, noDns);
const message = (...headers: string[]) => Buffer.from(`${headers.join('\r\n')}\r\nSubject: Activity in Case\r\n\r\nbody\r\n`);

describe('NoticeAuthenticator', () => {
  it("believes the relay's topmost verdict under its authserv-id, comments, version and folding included", async () => {
    const folded = message(
      'Authentication-Results: mx.example.org 1; (checked here)\r\n dkim=pass (2048-bit key) header.d=ded.uscourts.gov header.s=s1;\r\n spf=none',
      'From: "Clerk, D. Del." <ecf@ded.uscourts.gov>',
    );
    expect(await auth.check(folded, RELAY)).toEqual({ trusted: true, by: 'relay', domain: 'ded.uscourts.gov' });
    // header.i names the signer as well as header.d does.
    const byI = message('Authentication-Results: mx.example.org; dkim=pass header.i=@sc-us.gov', 'From: no-reply@sc-us.gov');
    expect(await auth.check(byI, { ...RELAY, ip: '::ffff:10.0.0.9' })).toMatchObject({ trusted: true });
  });

  it('refuses what the relay did not vouch for, or a relay that is not one', async () => {
    const cases: [Buffer, typeof RELAY][] = [
      // Signed by another court domain than the From's.
      [message('Authentication-Results: mx.example.org; dkim=pass header.d=sc-us.gov', 'From: ecf@ded.uscourts.gov'), RELAY],
      [message('Authentication-Results: mx.example.org; dkim=fail header.d=ded.uscourts.gov', 'From: ecf@ded.uscourts.gov'), RELAY],
      // DMARC alone counts only with INBOUND_AUTH=dmarc.
      [message('Authentication-Results: mx.example.org; dmarc=pass header.from=ded.uscourts.gov', 'From: ecf@ded.uscourts.gov'), RELAY],
      [message('Authentication-Results: mx.example.org; dkim=pass header.d=ded.uscourts.gov', 'From: ecf@ded.uscourts.gov'), OUTSIDER],
    ];
    for (const [raw, arrival] of cases) expect(await auth.check(raw, arrival)).toMatchObject({ trusted: false });
  });

  it('refuses a From that is not one court address before looking anything up', async () => {
    const verdicts = await Promise.all(
      [
        message('From: attacker@evil.example'),
        message('From: "ecf@ded.uscourts.gov" <attacker@evil.example>'),
        message('From: ecf@ded.uscourts.gov.evil.example'),
        message('From: ecf@ded.uscourts.gov', 'From: attacker@evil.example'),
        message('From: ecf@ded.uscourts.gov, attacker@evil.example'),
        message('To: nef@dw.test'),
      ].map((raw) => auth.check(raw, RELAY)),
    );
    expect(verdicts.map((v) => (v.trusted ? 'trusted' : v.reason))).toEqual([
      "From domain evil.example is not a court's",
      'the From header does not name exactly one address',
      "From domain ded.uscourts.gov.evil.example is not a court's",
      'the From header does not name exactly one address',
      'the From header does not name exactly one address',
      'the From header does not name exactly one address',
    ]);
  });
});
