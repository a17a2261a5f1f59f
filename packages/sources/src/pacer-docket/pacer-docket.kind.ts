import { decodeBody } from '@docketwatch/http';
import { PUSHED_INTERVAL_SECONDS, type Parser, type SourceKind } from '../source-kind';
import { detectPacerDocket, parsePacerDocket } from './parse-pacer-docket';

const parse: Parser = (text, options) => parsePacerDocket(text, options.court ? { court: options.court } : {});

/** A docket report saved from PACER and uploaded: a case's history, stored without alerts. */
export const pacerDocketKind: SourceKind<'pacer-docket'> = {
  id: 'pacer-docket',
  arrives: { by: 'push', parse: async (raw) => parsePacerDocket(decodeBody(raw, null)), uploadable: true, history: true },
  parse,
  detect: detectPacerDocket,
  defaultIntervalSeconds: PUSHED_INTERVAL_SECONDS,
  catalogue: [],
};
