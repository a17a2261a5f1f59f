import { isDocketwatchError, type DocketwatchError } from '@docketwatch/core';

/** The typed error a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function docketwatchErrorOf(promise: Promise<unknown>): Promise<DocketwatchError> {
  try {
    await promise;
  } catch (err) {
    if (isDocketwatchError(err)) return err;
    throw err;
  }
  throw new Error('expected a DocketwatchError, but the promise resolved');
}
