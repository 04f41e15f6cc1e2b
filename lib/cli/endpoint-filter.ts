import { Option } from 'commander';
import type { EndpointFilter } from '../analysis/endpoint-filter';
import { parseEndpointId } from '../model';
import { closestNames } from './did-you-mean';
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

/**
 * `--from`/`--to` as a predicate on endpoint ids: `namespace/name` for one endpoint, `namespace`
 * for all of a namespace. Unknown names are a usage error with close known names suggested.
 */
export function endpointSelector(option: string, value: string, ids: readonly string[]): (id: string) => boolean {
  const namespaces = [...new Set(ids.map((id) => parseEndpointId(id).namespace))].sort();
  if (value.includes('/') ? ids.includes(value) : namespaces.includes(value)) {
    return value.includes('/') ? (id) => id === value : (id) => id.startsWith(`${value}/`);
  }
  const what = value.includes('/') ? 'endpoint' : 'namespace';
  const suggestions = closestNames(value, value.includes('/') ? ids : namespaces);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : `; known ${what}s: ${(value.includes('/') ? ids : namespaces).slice(0, 10).join(', ') || '(none)'}`;
  throw new CliError(`${option}: no ${what} ${JSON.stringify(value)} in the inputs${hint}`);
}

/** The filter `--from` and `--to` ask for over the endpoints `ids`; an option not given keeps every endpoint. */
export function endpointFilter(options: EndpointFilterOptions, ids: readonly string[]): EndpointFilter {
  return {
    from: options.from === undefined ? undefined : endpointSelector('--from', options.from, ids),
    to: options.to === undefined ? undefined : endpointSelector('--to', options.to, ids),
  };
}
