import { parseScotusDocketJson } from './index';
test('hang', () => {
  const json = JSON.stringify({ CaseNumber: '24-1', PetitionerTitle: 'A', ProceedingsandOrder: [], LowerCourtCaseNumbers: '9007199254740992 to 9007199254740994' });
  console.log(JSON.stringify(parseScotusDocketJson(json)));
});
