import { sourceKindList } from '@docketwatch/sources';
import { sourceForms } from './catalogue-source-form';

describe('source forms', () => {
  it('offer every catalogue entry of every registered kind, and nothing else', () => {
    const entries = sourceKindList.flatMap((kind) => kind.catalogue.map((entry) => `${entry.section}:${kind.id}`));
    expect(sourceForms.map((f) => f.id).sort()).toEqual([...entries].sort());
  });

  it('ask for the entry’s own fields: never `kind`, booleans as checkboxes, docket sources from a docket', () => {
    const webhook = sourceForms.find((f) => f.id === 'webhooks:courtlistener-webhook')!;
    expect(webhook.fields).toEqual(
      expect.arrayContaining([
        { name: 'secret', boolean: false },
        { name: 'checkSender', boolean: true },
      ]),
    );
    expect(sourceForms.every((f) => f.fields.every((field) => field.name !== 'kind'))).toBe(true);
    expect(sourceForms.filter((f) => f.forDocket).every((f) => f.section === 'docketSources')).toBe(true);
  });
});
