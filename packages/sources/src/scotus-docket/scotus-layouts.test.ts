/**
 * Page shapes the shared fixtures do not cover, as small synthetic pages in supremecourt.gov's markup:
 * current-layout cards with document links and inline opinion links, the oldest .htm variant, and
 * JSON details (capital-case marker, main-document choice, relative links).
 */
import { parseScotusDocketHtml, parseScotusDocketJson } from './index';

const PDF = 'https://www.supremecourt.gov/DocketPDF/21/21-1397';

function card(date: string, body: string): string {
  return `<div class="card"><table class="ProceedingItem"><tbody><tr>
    <td class="ProceedingDate">${date}</td><td>${body}</td></tr></tbody></table></div>`;
}

const CARD_PAGE = `<!DOCTYPE html><html><head><title>Docket for 21-1397</title></head><body>
<table id="docketinfo"><tbody>
  <tr><td class="InfoTitle" colspan="2"><span class="DocketInfoTitle">No. 21-1397  <br></span><span class="DocketInfoTitle"></span></td></tr>
  <tr><td width="200"><span>Title:</span></td><td><span class="title">In Re Grand Jury, Petitioner<br> v. <br>United States</span></td></tr>
  <tr><td width="200"><span>&nbsp;&nbsp;&nbsp;Case Numbers:</span></td><td><span>(21-55085, 21-55145)</span></td></tr>
</tbody></table>
<div id="proceedings"><div class="coloredheader">Proceedings and Orders</div>
${card(
  'Apr 01 2022',
  `Petition for a writ of certiorari filed. (Response due June 1, 2022) <br>
   <span class="documentlinks">
     <a href="${PDF}/221600/a.pdf" class="documentanchor" target="_blank">Petition</a>
     <a href="${PDF}/221600/b.pdf" class="documentanchor" target="_blank">Appendix</a>
   </span>`,
)}
${card(
  'Jun 01 2022',
  `Brief amicus curiae of Federation of Defense &amp; Corporate Counsel filed. <br>
   <span class="documentlinks">
     <a href="/DocketPDF/21/21-1397/226750/c.pdf" class="documentanchor">Proof of Service</a>
     <a href="${PDF}/226750/d.pdf" class="documentanchor">Main Document</a>
     <a href="javascript:void(0)" class="documentanchor">Print</a>
   </span>`,
)}
${card(
  'Jan 23 2023',
  `Writ of certiorari DISMISSED as improvidently granted.  <a href="https://www.supremecourt.gov/opinions/22pdf/21-1397_ap6b.pdf">Opinion</a> per curiam. <br>
   <span class="documentlinks"> </span>`,
)}
${card('Feb 27 2023', 'Judgment issued.<br>Mandate sent. <br><span class="documentlinks"></span>')}
</div>
<div id="Contacts"><div class="coloredheader">Attorneys</div></div>
</body></html>`;

/** The oldest .htm layout: labels in the second column, the title continued down the third. */
const OLD_HTM_PAGE = `<HTML><HEAD><TITLE>Docket for 01-10063</TITLE></HEAD>
<BODY BGCOLOR='White'>
<TABLE BORDER=0>
<TR><TD>No. 01-10063 </TD><TD>Status: </TD><TD>DECIDED   </TD></TR>
<TR><TD></TD><TD>Title: </TD><TD>Mary C. Danner, Petitioner</TD></TR>
<TR><TD></TD><TD></TD><TD>v.</TD></TR>
<TR><TD></TD><TD></TD><TD>Sam Dill, Jr.</TD></TR>
<TR><TD>Docketed:&nbsp;&nbsp;&nbsp;</TD><TD>Lower Ct:</TD><TD>Court of Appeals of Georgia   </TD></TR>
<TR><TD>May 8, 2002       </TD><TD></TD><TD>(A01A2414)                </TD></TR>
</TABLE>
<BR>
<TABLE BORDER=0>
<TR><TD>~~Date~~~~~~&nbsp;&nbsp;&nbsp;</TD><TD>~~~~~~~Proceedings&nbsp;and&nbsp;Orders~~~~~~~</TD></TR>
<TR><TD>Apr 30 2002</TD><TD>Petition for writ of certiorari and motion for leave to proceed in    </TD></TR>
<TR><TD>           </TD><TD>    forma pauperis filed. (Response due June 7, 2002)                 </TD></TR>
<TR><TD>Oct  7 2002</TD><TD>    Petition DENIED.                                                  </TD></TR>
<TR><TD>           </TD><TD>    ********************************************************          </TD></TR>
<TR><TD>Dec  9 2002</TD><TD>    Rehearing DENIED.                                                 </TD></TR>
<TR><TD>&nbsp;</TD><TD></TD></TR>
</TABLE>
<HR><BR>
<TABLE BORDER=0>
<TR><TD>~~Name~~~~~~~~~~~~~~~~~~~~~&nbsp;&nbsp;&nbsp;</TD><TD>~~~~~~~Address~~~~~~~~~~~~~~~~~~&nbsp;&nbsp;</TD><TD>~~Phone~~~</TD></TR>
<TR><TD COLSPAN=3>Party name: Mary C. Danner</TD></TR>
</TABLE>
</BODY>
</HTML>`;

describe('current layout with document links', () => {
  const docket = parseScotusDocketHtml(CARD_PAGE).dockets[0]!;

  it('reads the case', () => {
    expect(docket.docketNumber).toBe('21-1397');
    expect(docket.caseName).toBe('In Re Grand Jury v. United States');
    expect(docket.lowerCourtCases).toEqual(['21-55085', '21-55145']);
    expect(docket.entries).toHaveLength(4);
  });

  it('numbers each link as an attachment and the entry by its DocketPDF filing id', () => {
    const [petition] = docket.entries;
    expect(petition).toEqual({
      entryNumber: '221600',
      filedAt: '2022-04-01',
      shortDescription: '',
      description: 'Petition for a writ of certiorari filed. (Response due June 1, 2022)',
      documentUrl: `${PDF}/221600/a.pdf`,
      pacerDocId: null,
      attachments: [
        { attachmentNumber: 1, description: 'Petition', documentUrl: `${PDF}/221600/a.pdf`, pacerDocId: null },
        { attachmentNumber: 2, description: 'Appendix', documentUrl: `${PDF}/221600/b.pdf`, pacerDocId: null },
      ],
    });
  });

  it('prefers the "Main Document" link, resolves relative links and drops non-document links', () => {
    const brief = docket.entries[1]!;
    expect(brief.description).toBe('Brief amicus curiae of Federation of Defense & Corporate Counsel filed.');
    expect(brief.entryNumber).toBe('226750');
    expect(brief.documentUrl).toBe(`${PDF}/226750/d.pdf`);
    expect(brief.attachments.map((a) => [a.attachmentNumber, a.description, a.documentUrl])).toEqual([
      [1, 'Proof of Service', `${PDF}/226750/c.pdf`],
      [2, 'Main Document', `${PDF}/226750/d.pdf`],
    ]);
  });

  it('links an opinion entry to the opinion linked from its text, which is not an attachment', () => {
    const opinion = docket.entries[2]!;
    expect(opinion.description).toBe('Writ of certiorari DISMISSED as improvidently granted. Opinion per curiam.');
    expect(opinion.entryNumber).toBeNull();
    expect(opinion.attachments).toEqual([]);
    expect(opinion.documentUrl).toBe('https://www.supremecourt.gov/opinions/22pdf/21-1397_ap6b.pdf');
  });

  it('keeps text after a line break instead of cutting the entry short', () => {
    expect(docket.entries[3]).toMatchObject({ description: 'Judgment issued. Mandate sent.', documentUrl: null, attachments: [] });
  });
});

describe('oldest .htm layout', () => {
  const docket = parseScotusDocketHtml(OLD_HTM_PAGE).dockets[0]!;

  it('reads the title down its column and the unlabelled lower-court number', () => {
    expect(docket.docketNumber).toBe('01-10063');
    expect(docket.caseName).toBe('Mary C. Danner v. Sam Dill, Jr.');
    expect(docket.lowerCourtCases).toEqual(['A01A2414']);
  });

  it('joins continuation rows and drops asterisk separators', () => {
    expect(docket.entries.map((e) => [e.filedAt, e.description])).toEqual([
      [
        '2002-04-30',
        'Petition for writ of certiorari and motion for leave to proceed in forma pauperis filed. (Response due June 7, 2002)',
      ],
      ['2002-10-07', 'Petition DENIED.'],
      ['2002-12-09', 'Rehearing DENIED.'],
    ]);
    expect(docket.entries.every((e) => e.entryNumber === null && e.documentUrl === null)).toBe(true);
  });
});

describe('JSON details', () => {
  function parse(fields: Record<string, unknown>) {
    return parseScotusDocketJson(
      JSON.stringify({ CaseNumber: '24-5', PetitionerTitle: 'A, Petitioner', RespondentTitle: 'B', ProceedingsandOrder: [], ...fields }),
    ).dockets[0]!;
  }

  it('drops the capital-case marker and canonicalises the docket number', () => {
    expect(parse({ CaseNumber: '24-5 *** CAPITAL CASE ***' }).docketNumber).toBe('24-5');
    expect(parse({ CaseNumber: '24a949' }).docketNumber).toBe('24A949');
  });

  it('keeps the titles verbatim, as juriscraper does for JSON', () => {
    expect(parse({}).caseName).toBe('A, Petitioner v. B');
    expect(parse({ RespondentTitle: '' }).caseName).toBe('A, Petitioner');
  });

  it('numbers an entry by its first link only and picks the main document', () => {
    const row = {
      Date: 'May 9, 2024',
      Text: 'Brief filed.',
      Links: [
        { Description: 'Proof of Service', File: 'a.pdf', DocumentUrl: 'https://www.supremecourt.gov/DocketPDF/24/24-5/300001/a.pdf' },
        { Description: 'Main Document', File: 'b.pdf', DocumentUrl: 'https://www.supremecourt.gov/DocketPDF/24/24-5/300001/b.pdf' },
        { Description: 'Broken', File: 'c.pdf' },
      ],
    };
    const [entry] = parse({ ProceedingsandOrder: [row] }).entries;
    expect(entry).toMatchObject({
      filedAt: '2024-05-09',
      entryNumber: '300001',
      documentUrl: 'https://www.supremecourt.gov/DocketPDF/24/24-5/300001/b.pdf',
    });
    expect(entry!.attachments.map((a) => a.attachmentNumber)).toEqual([1, 2]);
  });

  it('keeps entry text as the court wrote it, markup removed and entities decoded', () => {
    const text = "Argued. For petitioner: A &amp; B.\r\nFor respondent: C.  <a href='../opinions/x.pdf'>Opinion</a>.";
    const [entry] = parse({ ProceedingsandOrder: [{ Date: 'Jan 09 2023', Text: text }] }).entries;
    expect(entry!.description).toBe('Argued. For petitioner: A & B.\nFor respondent: C.  Opinion.');
    expect(entry!.documentUrl).toBe('https://www.supremecourt.gov/opinions/x.pdf');
  });
});
