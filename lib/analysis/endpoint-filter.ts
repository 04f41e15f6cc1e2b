/** Restricts a result to some sources and destinations, by endpoint id; a test not given keeps every endpoint. */
export interface EndpointFilter {
  readonly from?: (id: string) => boolean;
  readonly to?: (id: string) => boolean;
}

export function keepsSource(filter: EndpointFilter, id: string): boolean {
  return filter.from?.(id) ?? true;
}

export function keepsDestination(filter: EndpointFilter, id: string): boolean {
  return filter.to?.(id) ?? true;
}

/** Whether a filtered result lists the endpoint: as a source or as a destination. */
export function keepsEither(filter: EndpointFilter, id: string): boolean {
  return keepsSource(filter, id) || keepsDestination(filter, id);
}
