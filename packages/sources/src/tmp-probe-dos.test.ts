import { detectFormat, looksLikeNefEmail } from './index';
import { scanHtml } from './scotus-docket/html-complexity';

const time = (name: string, f: () => unknown) => {
  const t = Date.now();
  f();
  console.log(name, Date.now() - t, 'ms');
};

test('dos', () => {
  for (const n of [16, 18, 20, 22]) time(`nef subject FW x${n}`, () => detectFormat('From: a\nSubject: ' + 'FW:'.repeat(n) + 'x'));
  for (const n of [16, 18, 20, 22]) time(`looksLikeNef FW x${n}`, () => looksLikeNefEmail('From: a\nSubject: ' + 'Fw:'.repeat(n) + '!'));
  for (const n of [20_000, 40_000, 80_000]) time(`scanHtml <a x${n}`, () => scanHtml('<a'.repeat(n)));
});
