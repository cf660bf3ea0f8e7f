import type { QueuedStepBody, Visit } from '@shared/contracts/field.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@web/lib/api';
import { useCallback, useRef } from 'react';
import { type FieldAction, newActionKey, type SubmitResult, submitFieldAction } from './field-client';
import { fieldKeys } from './keys';
import { storeVisit } from './use-visit';

/** Errors after which the same action must not be sent again with the same key (the request itself changes). */
function keyIsSpent(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.code === 'VERSION_CONFLICT' ||
      (typeof error.details.reason === 'string' && error.details.reason === 'idempotency_key_reused'))
  );
}

/**
 * One user action on a visit (a step, the consent, the completion) through `submitFieldAction`. The idempotency
 * key is made once per action and kept while the technician retries it after an error (a lost answer is then
 * replayed, never done twice); it is renewed after a success, or when the visit moved on under the phone.
 */
export function useFieldAction(visitId: string) {
  const queryClient = useQueryClient();
  const key = useRef<string>(newActionKey());
  const mutation = useMutation<SubmitResult, unknown, (key: string) => FieldAction>({
    mutationFn: (build) => submitFieldAction(build(key.current)),
    onSuccess: (r) => {
      key.current = newActionKey();
      storeVisit(queryClient, r.visit);
      void queryClient.invalidateQueries({ queryKey: fieldKeys.days() });
    },
    onError: (e) => {
      if (keyIsSpent(e)) {
        key.current = newActionKey();
        void queryClient.invalidateQueries({ queryKey: fieldKeys.visit(visitId) });
      }
    },
  });
  const { mutate, mutateAsync } = mutation;
  const run = useCallback(
    (build: (key: string) => FieldAction, onDone?: (r: SubmitResult) => void) =>
      mutate(build, onDone ? { onSuccess: onDone } : undefined),
    [mutate],
  );
  /** One step of the visit as the phone saw it (its version), with this action's key. */
  const step = useCallback(
    (visit: Pick<Visit, 'id' | 'version'>, fields: StepFields, onDone?: (r: SubmitResult) => void) =>
      run(
        (idempotencyKey) => ({
          kind: 'step',
          visitId: visit.id,
          body: { ...fields, version: visit.version, idempotencyKey } as QueuedStepBody,
        }),
        onDone,
      ),
    [run],
  );
  return { ...mutation, run, runAsync: mutateAsync, step };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A step's own fields: what the technician entered (the version and the key are the action's). */
export type StepFields = DistributiveOmit<QueuedStepBody, 'version' | 'idempotencyKey' | 'occurredAt'>;
