import { classifyEntry, ENTRY_CLASSES, isEmergencyApplication, ITEM_CLASSES, type EntryClass } from './classify-entry';

// Event names (RSS short descriptions) and docket text as courts write them. Most come from the
// juriscraper fixtures in shared/fixtures (pacer/rss_feeds, pacer/dockets/district, scotus/dockets);
// the J.G.G., Abrego Garcia and A.A.R.P. ones are written the way those dockets write them.
const SHORT: [string, EntryClass][] = [
  // orders
  ['Order', 'order'],
  ['Order filed', 'order'],
  ['Order Filed (CLERK)', 'order'],
  ['Court order filed', 'order'],
  ['clerk order filed', 'order'],
  ['judge order filed', 'order'],
  ['Briefing order filed', 'order'],
  ['Motion Order FILED', 'order'],
  ['Strike Order FILED', 'order'],
  ['So-Ordered Scheduling Notification FILED', 'order'],
  ['Order on Motion to Dismiss', 'order'],
  ['Order on Motion for Summary Judgment', 'order'],
  ['Order(Other)', 'order'],
  ['Order Dismissing Case', 'order'],
  ['Order to Show Cause', 'order'],
  ['Scheduling Order', 'order'],
  ['Status Report Order', 'order'],
  ['Protective Order', 'order'],
  ['Memo Endorsement', 'order'],
  ['Endorsed Letter', 'order'],
  ['Stipulation and Order of Dismissal', 'order'],
  ['Mediation Referral Order', 'order'],
  ['Clerks Entry of Default', 'order'],
  ['ruling', 'order'],
  // opinions
  ['Opinion', 'opinion'],
  ['Memorandum & Opinion', 'opinion'],
  ['Unpublished per curiam opinion filed', 'opinion'],
  ['unpublished opinion and judgment filed', 'opinion'],
  ['Case termination for opinion', 'opinion'],
  ['Findings of Fact & Conclusions of Law', 'opinion'],
  // judgments
  ['Judgment', 'judgment'],
  ['Judgment - Clerk', 'judgment'],
  ['Judgment - Consent', 'judgment'],
  ['Amended Judgment', 'judgment'],
  ['Judgment order filed', 'judgment'],
  ['Judgment Filed (Merits Panel)', 'judgment'],
  ['Case termination for order and judgment', 'judgment'],
  // motions, including SDNY's bare relief names
  ['Letter Motion', 'motion'],
  ['Miscellaneous Motion', 'motion'],
  ['Dismiss', 'motion'],
  ['Extension of Time to File Answer', 'motion'],
  ['Compel AND Discovery', 'motion'],
  ['In Limine', 'motion'],
  ['Adjourn Conference', 'motion'],
  ['Application for Pen Register', 'motion'],
  // briefs and pleadings
  ['Memorandum of Law in Opposition to Motion', 'brief'],
  ['Reply Memorandum of Law in Support of Motion', 'brief'],
  ['Response in Opposition to Motion', 'brief'],
  ['Declaration in Support of Motion', 'brief'],
  ['Letter', 'brief'],
  ['Complaint', 'brief'],
  ['Amended Complaint', 'brief'],
  ['Answer to Crossclaim', 'brief'],
  ['Sentencing Submission', 'brief'],
  // notices
  ['Notice of Voluntary Dismissal', 'notice'],
  ['Notice (Other)', 'notice'],
  ['Notice of Filing Transcript', 'notice'],
  ['Stipulation of Voluntary Dismissal', 'notice'],
  // hearings
  ['Notice of Hearing', 'hearing'],
  ['~Util - Set Hearings', 'hearing'],
  ['~Util - Set/Reset Deadlines/Hearings', 'hearing'],
  ['~Util - Set Motion and R&R Deadlines/Hearings', 'hearing'],
  ['Transcript', 'hearing'],
  // routine
  ['Notice of Appearance', 'routine'],
  ['Notice of Attorney Appearance - USA', 'routine'],
  ['Appear Pro Hac Vice', 'routine'],
  ['Order on Motion for Leave to Appear Pro Hac Vice', 'routine'],
  ['Order on Motion to Withdraw as Attorney', 'routine'],
  ['Rule 7.1 Corporate Disclosure Statement', 'routine'],
  ['Request for Issuance of Summons', 'routine'],
  ['Summons Returned Executed', 'routine'],
  ['Waiver of Service Executed', 'routine'],
  ['Certificate of Service Other', 'routine'],
  ['Civil Cover Sheet', 'routine'],
  ['Statement of Relatedness', 'routine'],
  ['Notice of Change of Address', 'routine'],
  ['Appeal Fee Payment', 'routine'],
  ['Transmission to Docket Assistant Clerk', 'routine'],
  ['~Util - Terminate Civil Case', 'routine'],
  ['~Util - Set/Reset Deadlines/Hearings'.replace('/Hearings', ''), 'routine'],
  ['Close Adversary Case', 'routine'],
  ['Financial Affidavit - CJA23', 'routine'],
  ['Rule 5(c)(3) - Documents Sent', 'routine'],
  ['Mail Order by Certified Mail', 'routine'],
  ['ruling letter sent', 'routine'],
  // merged events of one filing take the most significant class
  ['Order AND Order(Other) AND ~Util - Set Deadlines', 'order'],
  ['Notice of Voluntary Dismissal - Signed AND ~Util - Add and Terminate Parties', 'notice'],
  ['Memo Endorsement AND ~Util - Set Deadlines/Hearings', 'order'],
  ['1 - Terminate Deadlines and Hearings AND Scheduling Order', 'order'],
  ['Conference AND Extension of Time to File Document', 'motion'],
  // other
  ['Agreement to Forfeit Property', 'other'],
  ['SSA Administrative Record', 'other'],
];

const DESCRIPTION: [string, EntryClass][] = [
  // District of Columbia, J.G.G. v. Trump style
  [
    'MINUTE ORDER: The Court ORDERS that Defendants shall file a notice by 12:00 p.m. on March 18, 2025. Signed by Chief Judge James E. Boasberg on 3/17/2025. (lcjeb1)',
    'order',
  ],
  ['TEMPORARY RESTRAINING ORDER. Signed by Chief Judge James E. Boasberg on 3/15/2025. (lcjeb1)', 'order'],
  [
    "MEMORANDUM OPINION AND ORDER granting in part Plaintiffs' 3 Motion for Temporary Restraining Order. Signed by Chief Judge James E. Boasberg on 4/16/2025.",
    'opinion',
  ],
  [
    'MEMORANDUM OPINION re 44 Order on Motion for Preliminary Injunction. Signed by Chief Judge James E. Boasberg on 4/16/2025. (lcjeb1)',
    'opinion',
  ],
  [
    'MOTION for Temporary Restraining Order by J.G.G., G.F.F., J.G.O., W.G.H., J.A.V. (Attachments: # 1 Memorandum in Support, # 2 Text of Proposed Order, # 3 Certificate of Service)(Gelernt, Lee) (Entered: 03/15/2025)',
    'motion',
  ],
  ['Emergency MOTION to Vacate 20 Order by DONALD J. TRUMP. (Ensign, Drew) (Entered: 03/15/2025)', 'motion'],
  [
    'NOTICE OF APPEAL TO DC CIRCUIT COURT as to 20 Order on Motion for TRO by DONALD J. TRUMP. Fee Status: No Fee Paid. Parties have been notified. (Ensign, Drew)',
    'notice',
  ],
  ['USCA Case Number 25-5067 for 21 Notice of Appeal to DC Circuit Court filed by DONALD J. TRUMP. (zdp) (Entered: 03/17/2025)', 'routine'],
  ['NOTICE of Filing by DONALD J. TRUMP re 28 Order (Attachments: # 1 Declaration of Robert L. Cerna)(Ensign, Drew)', 'notice'],
  ['DECLARATION of Erez Reuveni by DONALD J. TRUMP. (Ensign, Drew) (Entered: 04/01/2025)', 'brief'],
  ['RESPONSE re 26 Order, by DONALD J. TRUMP. (Attachments: # 1 Exhibit A)(Ensign, Drew) (Entered: 03/18/2025)', 'brief'],
  ['REPLY to opposition to motion re 3 MOTION for Temporary Restraining Order filed by J.G.G. (Gelernt, Lee)', 'brief'],
  [
    'Minute Entry for proceedings held before Chief Judge James E. Boasberg: Motion Hearing held on 3/21/2025 re 3 MOTION for Temporary Restraining Order. (Court Reporter: Lisa Edwards) (zjd)',
    'hearing',
  ],
  [
    'Set/Reset Hearings: Status Conference set for 3/24/2025 at 04:00 PM in Courtroom 19 before Chief Judge James E. Boasberg. (zjd)',
    'hearing',
  ],
  ['TRANSCRIPT OF MOTION HEARING before Chief Judge James E. Boasberg held on March 21, 2025; Page Numbers: 1-93.', 'hearing'],
  ['NOTICE of Appearance by Drew C. Ensign on behalf of All Defendants (Ensign, Drew) (Entered: 03/15/2025)', 'routine'],
  [
    'MOTION for Leave to Appear Pro Hac Vice :Attorney Name- Noelle Smith, Filing fee $ 100, receipt number ADCDC-11566873. by J.G.G. (Gelernt, Lee)',
    'routine',
  ],
  ['MANDATE of USCA as to 21 Notice of Appeal to DC Circuit Court filed by DONALD J. TRUMP ; USCA Case Number 25-5067. (zdp)', 'judgment'],
  // District of Maryland, Abrego Garcia style
  [
    'COMPLAINT against All Defendants ( Filing fee $ 405 receipt number AMDDC-12110237.), filed by Kilmar Armando Abrego Garcia. (Attachments: # 1 Civil Cover Sheet, # 2 Summons)',
    'brief',
  ],
  ['ORDER granting 6 Motion for Temporary Restraining Order. Signed by Judge Paula Xinis on 4/4/2025. (ybs, Deputy Clerk)', 'order'],
  ['MEMORANDUM OPINION. Signed by Judge Paula Xinis on 4/6/2025. (ybs, Deputy Clerk)', 'opinion'],
  ['NOTICE of Supplemental Authority by Kristi Noem (Attachments: # 1 Exhibit A)(Ensign, Drew)', 'notice'],
  ['STATUS REPORT by Kristi Noem re 79 Order (Ensign, Drew) (Entered: 04/14/2025)', 'notice'],
  ['PAPERLESS ORDER setting a hearing on 4/15/2025 at 4:00 PM. Signed by Judge Paula Xinis on 4/11/2025.', 'order'],
  // fixtures: pacer/dockets/district
  [
    'ORDER granting 9 Motion for Pro hac vice for counsel Laura Rose Handman. Signed by District Judge T. S. Ellis, III on 07/17/2019. (choy, ) (Entered: 07/17/2019)',
    'routine',
  ],
  [
    'ORDER granting 5 motion for John J. Cromie to appear Pro Hac Vice. Ordered by Magistrate Judge Viktor V. Pohorelsky on 2/2/2015.',
    'routine',
  ],
  [
    "Joint MOTION for Extension (To Set Hearing Date And Extend Briefing Schedule For Defendants' Motions) by Svetlana Lokhova. (Attachments: # 1 Proposed Order)",
    'motion',
  ],
  [
    'Memorandum in Support re 31 MOTION to Dismiss for Failure to State a Claim and Lack of Standing filed by Stefan A. Halper. (Attachments: # 1 Exhibit)',
    'brief',
  ],
  [
    'ENTERED IN ERROR.....TRANSCRIPT OF STATUS CONFERENCE VIA ZOOM PROCEEDINGS before Judge Amit P. Mehta held on March 9, 2022; Page Numbers: 1-72.',
    'hearing',
  ],
  [
    'THIRD PRELIMINARY ORDER OF FORFEITURE granting 283 Motion for Forfeiture of Property as to Robert Warren (1). (SEE ORDER FOR DETAILS)',
    'order',
  ],
  ['Summons Issued (Sealed - Attorney) for appearance as to violation Report in case as to Robert Warren.', 'routine'],
  [
    'COUNTER LETTER MOTION for Discovery Opposition to Defendants Motion for Expert Discovery addressed to Judge Gregory H. Woods from Jonathan Shalom dated 8/9/2021',
    'motion',
  ],
  [
    'Notice of Hearing Date set for August 30, 2019 re 22 MOTION to Dismiss for Failure to State a Claim (Kelley, Matthew) (Entered: 08/08/2019)',
    'hearing',
  ],
  ["Complaint/Brief in Support of Plaintiff's MOTION for Preliminary Injunction by Lucas Joseph Roddy. (EDC)", 'brief'],
  ['Minute Entry: INQUIRY INTO STATUS OF COUNSEL as to Robert Warren held before Magistrate Judge Dennis Howell.', 'hearing'],
  [
    'MAGISTRATE JUDGE FINDINGS & RECOMMENDATION UPON A PLEA OF GUILTY as to Jose Miguel Santana-Esmeralda. Signed by Magistrate Judge James F Metcalf on 3/15/17.',
    'opinion',
  ],
  ['Attorney update in case as to Robert Warren. Attorney George Ward Hendon terminated. (siw) (Entered: 08/03/2007)', 'routine'],
  ['ELECTRONIC SUMMONS ISSUED as to Hornblower Group, Inc...(dnh) (Entered: 12/30/2020)', 'routine'],
  [
    'Motion to appear Pro Hac Vice by Dana Robinson Green and Certification of Local Counsel Alexander R. Green Filing fee $ 75, receipt number 0422-6748112.',
    'routine',
  ],
  ['ORDER granting in part and denying in part 50 Motion for Reconsideration re 50 CONSENT MOTION for Reconsideration', 'order'],
  [
    'LETTER addressed to Magistrate Judge Ona T. Wang from Jonathan Shalom dated 11/18/2022 re: Status Letter Re Settlement Conference.',
    'brief',
  ],
  ['Arraignment as to Robert Warren, Viki Warren held Judge: Cogburn Court Rptr: electronic AUSA: R. Edwards (emw)', 'hearing'],
  ['CIVIL COVER SHEET filed..(Shalom, Jonathan) (Entered: 12/23/2020)', 'routine'],
  ['FILING ERROR - PDF ERROR - CIVIL COVER SHEET filed..(Shalom, Jonathan) Modified on 12/23/2020 (jgo).', 'routine'],
  ['Letter of Deficiency: The Clerk has filed your new suit. However, it is deficient in the areas as stated herein.', 'routine'],
  ['ANSWER to Complaint by All Defendants. (Cromie, John) (Entered: 03/06/2015)', 'brief'],
  [
    'COMPLAINT against Northeast Adjusters, Inc, filing fee $ 400, receipt number 0207-7422290 Was the Disclosure Statement on Civil Cover Sheet completed -YES,, filed by Samuel Weber.',
    'brief',
  ],
  [
    'Case reassigned to Magistrate Judge Erin Wilder-Doomes. Magistrate Judge Richard L. Bourgeois, Jr. no longer assigned to the case.',
    'routine',
  ],
  [
    'CIVIL CASE MANAGEMENT PLAN AND SCHEDULING ORDER: All parties do not consent to conducting all further proceedings before a United States Magistrate Judge.',
    'order',
  ],
  ['MOTION(S) REFERRED: 6 MOTION to Proceed In Forma Pauperis. This motion is now pending before the USMJ. (EDC)', 'routine'],
  ['COURT ORDER denying Motion to recall mandate filed by Appellant Mr. Lucas Roddy. (SWE) (Entered: 04/16/2020)', 'order'],
  ['CLERK ORDER dismissing appeal pursuant to 5th Circuit Rule 42 for failure to pay fee', 'order'],
  ['JUDGMENT AND COMMITMENT ISSUED as to Jose Miguel Santana-Esmeralda (1)', 'judgment'],
  ['Judgment Returned Executed as to Robert Warren on 5/8/2014. (nv) (Entered: 05/29/2014)', 'routine'],
  ['SEALED DOCUMENT as to Robert Warren, Viki Warren (siw) (Entered: 02/16/2005)', 'other'],
  ['STIPULATION of Dismissal by Samuel Weber (Fishbein, Adam) (Entered: 10/12/2015)', 'notice'],
  ['PETITION for Writ of Habeas Corpus ( Filing fee $ 5 receipt number NEW035561.), filed by MARIYANA SUNARTO', 'brief'],
  ['NOTICE OF HEARING ON MOTION in case as to Robert Warren 283 MOTION for Forfeiture of Property', 'hearing'],
  ['Initial Case Management Scheduling Order with ADR Deadlines: Case Management Statement due by 12/1/2023.', 'order'],
  ['Deadline updated as to Robert Warren, Viki Warren, reset Calendar Call for 9:31 7/12/04', 'routine'],
  ['SENTENCING MEMORANDUM by Jose Miguel Santana-Esmeralda. (Eggers, Jared) (Entered: 05/12/2017)', 'brief'],
  ['Proposed Summons by Svetlana Lokhova. (Biss, Steven) (Entered: 06/18/2019)', 'routine'],
  ['PROPOSED ORDER by J.G.G. re 3 MOTION for Temporary Restraining Order', 'other'],
  // Supreme Court (scotus/dockets fixtures; 24A949, 24A931, 24A1007 as the clerk writes them)
  [
    'Application (24A949) to vacate the injunction entered by the United States District Court for the District of Maryland, submitted to The Chief Justice.',
    'motion',
  ],
  ['Response to application (24A949) requested by The Chief Justice, due Tuesday, April 8, 2025, by 5 p.m. (EDT).', 'order'],
  ['ADMINISTRATIVE STAY entered by The Chief Justice.', 'order'],
  ['Response to application from respondent Kilmar Armando Abrego Garcia, et al. filed.', 'brief'],
  ['Reply of applicant Kristi Noem, Secretary of Homeland Security, et al. filed.', 'brief'],
  ['Application (24A949) referred to the Court.', 'routine'],
  ['Application (24A931) granted by the Court.', 'order'],
  ['Application (24A1007) for injunction and application for administrative stay, submitted to Justice Alito.', 'motion'],
  [
    'Application (24A1) to extend the time to file a petition for a writ of certiorari from July 15, 2024 to September 13, 2024, submitted to Justice Alito',
    'motion',
  ],
  ['Application (24A1) granted by Justice Alito extending the time to file until August 15, 2024.', 'order'],
  ['Petition for a writ of certiorari filed. (Response due April 9, 2025)', 'motion'],
  ['Petition DENIED.', 'order'],
  ['Motion to proceed in forma pauperis and petition for a writ of certiorari GRANTED.', 'order'],
  ['Motion to extend the time to file a response is granted and the time is extended to and including July 1, 2022.', 'order'],
  ['Motion for an extension of time to file the briefs on the merits filed.', 'motion'],
  ['Brief amici curiae of Chamber of Commerce of the United States of America, et al. filed.', 'brief'],
  ['Brief of respondent United States in opposition filed.', 'brief'],
  ['Joint appendix filed.', 'brief'],
  ['DISTRIBUTED for Conference of 5/2/2025.', 'routine'],
  ['MOTION (21M105) DISTRIBUTED for Conference of 4/29/2022.', 'routine'],
  ['Blanket Consent filed by Petitioner, Encino Motorcars, LLC', 'routine'],
  ['Waiver of right of respondent United States to respond filed.', 'routine'],
  ['Record requested from the U.S.C.A. 9th Circuit.', 'routine'],
  ['The record for the U.S.C.A. is electronic and located on PACER.', 'routine'],
  ['SET FOR ARGUMENT on Tuesday, February 25, 2025.', 'hearing'],
  ['Argued. For petitioner: Daniel B. Levin, Los Angeles, Cal. For respondent: Masha G. Hansford.', 'hearing'],
  ['Judgment REVERSED and case REMANDED. Thomas, J., delivered the opinion of the Court, in which Roberts, C. J., joined.', 'opinion'],
  ['Writ of certiorari DISMISSED as improvidently granted. Opinion per curiam.', 'opinion'],
  ['JUDGMENT ISSUED.', 'judgment'],
  ["The time to file respondents' brief on the merits is extended to and including December 8, 2017.", 'order'],
  ['Order extending time to file response to petition to and including July 24, 2017.', 'order'],
  ['Response Requested. (Due June 27, 2024)', 'order'],
  // the brief's own examples
  ['Opinion filed', 'opinion'],
  ['Opinion of the Court', 'opinion'],
  ['Status Conference held on 4/3/2025 before Chief Judge James E. Boasberg.', 'hearing'],
  ['Case Assigned to Chief Judge James E. Boasberg. (zsb) (Entered: 03/15/2025)', 'routine'],
  ['Attorney added: Drew C. Ensign for DONALD J. TRUMP (zdp)', 'routine'],
  ['DOCKETING STATEMENT filed by Appellants [2106721]', 'routine'],
  ['Certificate of Service by J.G.G. re 3 MOTION', 'routine'],
  ['Motion Hearing set for 4/15/2025 10:00 AM before Judge Paula Xinis.', 'hearing'],
  // courts of appeals
  ['PUBLISHED AUTHORED OPINION filed [2112345] (Pages: 1-24)', 'opinion'],
  ['JUDGMENT ORDER filed', 'judgment'],
  ['MANDATE ISSUED.', 'judgment'],
  ['EMERGENCY MOTION filed by Appellants for stay pending appeal [2106720]', 'motion'],
  ['Oral argument held. Judges: Henderson, Millett and Walker.', 'hearing'],
  ['Case docketed. Originating case number: 1:25-cv-00766-JEB.', 'routine'],
  ['PER CURIAM ORDER filed [2107090] denying emergency motion for stay pending appeal', 'order'],
];

describe('classifyEntry: event names (short descriptions)', () => {
  it.each(SHORT)('%j -> %s', (shortDescription, expected) => {
    expect(classifyEntry({ shortDescription, description: '' })).toBe(expected);
  });
});

describe('classifyEntry: docket text (descriptions)', () => {
  it.each(DESCRIPTION)('%j -> %s', (description, expected) => {
    expect(classifyEntry({ shortDescription: '', description })).toBe(expected);
  });
});

describe('classifyEntry: combining the two', () => {
  it('takes the event name when it says something, else the docket text', () => {
    expect(classifyEntry({ shortDescription: 'Order', description: 'MOTION for something' })).toBe('order');
    expect(classifyEntry({ shortDescription: 'Deposition', description: 'MOTION to Take Deposition by X' })).toBe('motion');
    expect(classifyEntry({ shortDescription: '', description: '' })).toBe('other');
    expect(classifyEntry({})).toBe('other');
    expect(classifyEntry({ shortDescription: null, description: null })).toBe('other');
  });

  it('has at least 80 table cases', () => {
    expect(SHORT.length + DESCRIPTION.length).toBeGreaterThanOrEqual(80);
  });

  it('is case- and accent-insensitive and ignores leading noise', () => {
    expect(classifyEntry({ description: 'order GRANTING motion' })).toBe('order');
    expect(classifyEntry({ description: '***   Órder granting motion' })).toBe('order');
    expect(classifyEntry({ description: '1 - Terminate Deadlines' })).toBe('routine');
  });

  it('is bounded on hostile input', () => {
    const long = `${'MOTION '.repeat(50_000)}${'to '.repeat(50_000)}`;
    expect(classifyEntry({ description: long })).toBe('motion');
    expect(classifyEntry({ shortDescription: `${'Order AND '.repeat(10_000)}x` })).toBe('order');
    expect(classifyEntry({ description: `${'a '.repeat(100_000)}order` })).toBe('other');
    expect(classifyEntry({ description: '.'.repeat(100_000) })).toBe('other');
  });
});

describe('isEmergencyApplication', () => {
  it.each<[string, boolean]>([
    [
      'Application (24A949) to vacate the injunction entered by the United States District Court for the District of Maryland, submitted to The Chief Justice.',
      true,
    ],
    [
      'Application (24A931) to vacate the orders of the United States District Court for the District of Columbia, submitted to The Chief Justice.',
      true,
    ],
    ['Application (24A1007) for injunction and application for administrative stay, submitted to Justice Alito.', true],
    ['Emergency Application for a Writ of Injunction', true],
    ['Application (24A1) to extend the time to file a petition for a writ of certiorari from July 15, 2024 to September 13, 2024', false],
    ['Application (24A931) granted by the Court.', false],
    ['Application (24A949) referred to the Court.', false],
    ['EMERGENCY MOTION filed by Appellants for stay pending appeal', false],
    ['Response to application (24A949) requested by The Chief Justice', false],
    ['Application for Pen Register', false],
  ])('%j -> %s', (description, expected) => {
    expect(isEmergencyApplication({ shortDescription: '', description })).toBe(expected);
  });

  it('is always a motion', () => {
    for (const [description] of DESCRIPTION) {
      if (isEmergencyApplication({ description })) expect(classifyEntry({ description })).toBe('motion');
    }
  });
});

describe('classes', () => {
  it('lists every class once, most significant first, and press for items', () => {
    expect(ENTRY_CLASSES[0]).toBe('opinion');
    expect(ENTRY_CLASSES.at(-1)).toBe('other');
    expect(new Set(ENTRY_CLASSES).size).toBe(9);
    expect(ITEM_CLASSES).toEqual([...ENTRY_CLASSES, 'press']);
  });
});
