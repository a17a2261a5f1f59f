import { isMbox, splitMbox } from './mbox';

describe('splitMbox', () => {
  const mbox = Buffer.from(
    [
      'From ecf@example.uscourts.gov Mon Jan  1 00:00:00 2024',
      'Subject: one',
      '',
      '>From here on, a quoted body line',
      '',
      'From ecf@example.uscourts.gov Tue Jan  2 00:00:00 2024',
      'Subject: two',
      '',
      'caf\xe9',
      '',
    ].join('\n'),
    'latin1',
  );

  it('splits at envelope lines, drops them and unquotes >From', () => {
    const messages = splitMbox(mbox).map((m) => m.toString('latin1'));
    expect(messages).toEqual(['Subject: one\r\n\r\nFrom here on, a quoted body line\r\n', 'Subject: two\r\n\r\ncaf\xe9\r\n']);
  });

  it('tells an mbox from a single message', () => {
    expect(isMbox(mbox)).toBe(true);
    expect(isMbox(Buffer.from('Subject: one\r\n\r\nbody'))).toBe(false);
  });
});
