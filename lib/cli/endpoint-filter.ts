import { Option } from 'commander';
import type { EndpointFilter } from '../analysis';
import { EndpointReferenceError, ReferenceContext, endpointSelector } from '../workflows';
import { CliError } from './exit-code';

/** `--from`/`--to` as given to `reach` and `graph`: an endpoint or a namespace each. */
export interface EndpointFilterOptions {
  readonly from?: string;
  readonly to?: string;
}

/** `--from <source>`: keep only these sources. */
export function fromOption(): Option {
  return new Option('--from <source>', 'only sources: an endpoint namespace/name or a namespace');
}

/** `--to <destination>`: keep only these destinations. */
export function toOption(): Option {
  return new Option('--to <destination>', 'only destinations: an endpoint namespace/name or a namespace');
}

/** Runs `read`, turning a reference that names nothing in the inputs into a usage error. */
export function readingReferences<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof EndpointReferenceError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

function selector(context: ReferenceContext, value: string | undefined, ids: readonly string[]): EndpointFilter['from'] {
  return value === undefined ? undefined : readingReferences(() => endpointSelector(context, value, ids));
}

/** The filter `--from` and `--to` ask for over the endpoints `ids`; an option not given keeps every endpoint. */
export function endpointFilter(options: EndpointFilterOptions, ids: readonly string[]): EndpointFilter {
  return { from: selector({ field: '--from' }, options.from, ids), to: selector({ field: '--to' }, options.to, ids) };
}
