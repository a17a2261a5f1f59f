import { subscriptionWants, type EventFacts, type SubscriptionInterest } from './subscription-filter';

const all: SubscriptionInterest = { matterId: 1, docketId: null, query: null, classes: null, sourceFilter: 'all' };
const order: EventFacts = {
  matterId: 1,
  docketId: 10,
  source: 'court',
  entryClass: 'order',
  text: 'ORDER granting motion to facilitate return',
};
const appearance: EventFacts = { ...order, entryClass: 'routine', text: 'NOTICE of Appearance by Jane Doe' };
const press: EventFacts = { matterId: 1, docketId: null, source: 'press', entryClass: 'press', text: 'Statement on Kilmar Ábrego García' };

describe('subscriptionWants', () => {
  it('follows a matter: every entry and press item in it, nothing elsewhere', () => {
    expect(subscriptionWants(all, order)).toBe(true);
    expect(subscriptionWants(all, press)).toBe(true);
    expect(subscriptionWants(all, { ...order, matterId: 2 })).toBe(false);
  });

  it('follows one docket: its entries only, no press', () => {
    const docket = { ...all, docketId: 10 };
    expect(subscriptionWants(docket, order)).toBe(true);
    expect(subscriptionWants(docket, { ...order, docketId: 11 })).toBe(false);
    expect(subscriptionWants(docket, press)).toBe(false);
  });

  it('filters by class (orders and opinions only: no routine entries)', () => {
    const important = { ...all, classes: ['order', 'opinion'] };
    expect(subscriptionWants(important, order)).toBe(true);
    expect(subscriptionWants(important, appearance)).toBe(false);
    expect(subscriptionWants(important, press)).toBe(false);
  });

  it('filters by source (courts only, press only)', () => {
    expect(subscriptionWants({ ...all, sourceFilter: 'courts' }, press)).toBe(false);
    expect(subscriptionWants({ ...all, sourceFilter: 'press' }, order)).toBe(false);
    expect(subscriptionWants({ ...all, sourceFilter: 'press' }, press)).toBe(true);
  });

  it('runs saved searches across matters, accent- and case-blind, every word required', () => {
    const search = { ...all, matterId: null, query: 'abrego garcia' };
    expect(subscriptionWants(search, press)).toBe(true);
    expect(subscriptionWants(search, { ...press, matterId: 7 })).toBe(true);
    expect(subscriptionWants(search, order)).toBe(false);
    expect(subscriptionWants({ ...search, query: 'facilitate RETURN' }, order)).toBe(true);
  });

  it('tells of a new case only those who asked for new cases, whatever classes they follow', () => {
    const newCase: EventFacts = { ...order, docketId: 12, entryClass: 'new-case', text: 'New case: D.B.U. v. Trump', newCase: true };
    expect(subscriptionWants(all, newCase)).toBe(false);
    expect(subscriptionWants({ ...all, newCases: true }, newCase)).toBe(true);
    expect(subscriptionWants({ ...all, newCases: true, classes: ['order'] }, newCase)).toBe(true);
    expect(subscriptionWants({ ...all, newCases: true, sourceFilter: 'press' }, newCase)).toBe(false);
    expect(subscriptionWants({ ...all, newCases: true, matterId: 2 }, newCase)).toBe(false);
  });
});
