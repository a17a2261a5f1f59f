export * from './detect-format';
export { parsePacerRss } from './pacer-rss/parse-pacer-rss';
export { parseScotusDocket, parseScotusDocketHtml, parseScotusDocketJson } from './scotus-docket';
export { harmonizeCaseName } from './case-name';
