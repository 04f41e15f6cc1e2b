/**
/**
 * What a construct (or a factory such as `Port.tcp`) refuses: `INVALID_NAME` for a construct id
 * that cannot be the policy's name; `INVALID_ENFORCEMENT` for an `enforcement` that is neither
 * `enforced` nor `staged`; `INVALID_SERVICE` for a Service the API server would refuse (or that
 * is not one); `SERVICE_WITHOUT_SELECTOR` for a Service given as pods or a peer that selects no
 * pods; `UNKNOWN_SERVICE_PORT` for a `Port.service` entry its Service lacks (or with no
 * Service). For props checked at run time: `REQUIRED_PROP` (left out or undefined),
 * `WRONG_TYPE` (null, or a value of another type), `UNSUPPORTED_VALUE` (a string outside the
 * prop's enum, e.g. `direction: 'Ingress'`) and `UNKNOWN_PROP` (a key a rule or an options
 * object does not have, e.g. `{ form: web }`).
 */
export type ConstructInputErrorCode =
  | 'INVALID_NAME'
  | 'INVALID_ENFORCEMENT'
  | 'INVALID_SERVICE'
  | 'SERVICE_WITHOUT_SELECTOR'
  | 'UNKNOWN_SERVICE_PORT'
  | 'REQUIRED_PROP'
  | 'WRONG_TYPE'
  | 'UNSUPPORTED_VALUE'
  | 'UNKNOWN_PROP';

/**
 * Input a construct refuses when it is created, in cdk8s's validation form
 * `[construct/path] field: message`, so it reads like the errors cdk8s reports at synth. For a
 * factory's arguments the path is the factory (`[Port.tcp] port: ...`).
 */
export class ConstructInputError extends Error {
  constructor(
    readonly code: ConstructInputErrorCode,
    readonly constructPath: string,
    readonly field: string,
    detail: string,
  ) {
    super(`[${constructPath}] ${field}: ${detail}`);
    this.name = 'ConstructInputError';
  }
}
