/**
 * What a construct refuses: `INVALID_NAME` for a construct id that cannot be the policy's
 * name; `INVALID_ENFORCEMENT` for an `enforcement` that is neither `enforced` nor `staged`;
 * `INVALID_SERVICE` for a Service the API server would refuse (or that is not one);
 * `SERVICE_WITHOUT_SELECTOR` for a Service given as pods or a peer that selects no pods;
 * `UNKNOWN_SERVICE_PORT` for a `Port.service` entry its Service lacks (or with no Service).
 */
export type ConstructInputErrorCode = 'INVALID_NAME' | 'INVALID_ENFORCEMENT' | 'INVALID_SERVICE' | 'SERVICE_WITHOUT_SELECTOR' | 'UNKNOWN_SERVICE_PORT';

/**
 * Input a construct refuses when it is created, in cdk8s's validation form
 * `[construct/path] field: message`, so it reads like the errors cdk8s reports at synth.
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
