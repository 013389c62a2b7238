/**
 * What a person reads about a run's failure, as a message of the catalogue: the error's own
 * text, else the generic words of its code, plain words for a file-system error a person can act
 * on (no permission, disk full…), or the generic words. The raw error goes to the log only.
 */
import { AimeError, toAimeErrorData } from '../../shared/contract.js';
import { msg, type MessageRef } from '../../shared/messages/index.js';
import { SyncAborted } from './collection/sync.js';

export function failureText(error: unknown): MessageRef {
  if (error instanceof AimeError) return error.text ?? msg(`error.${error.code}`);
  if (error instanceof SyncAborted) return msg('error.cancelled');
  return toAimeErrorData(error).text ?? msg('error.internal');
}
