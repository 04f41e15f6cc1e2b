import { InvalidArgumentError, Option } from 'commander';
import { MAX_PORT, MIN_PORT } from '../model';
import { PROTOCOLS, Protocol } from '../model';

/** `--port`/`--protocol`, the port probe of `reach`, `graph` and `explain`. */

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port < MIN_PORT || port > MAX_PORT) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port: use an integer between ${MIN_PORT} and ${MAX_PORT}`);
  }
  return port;
}

function parseProtocol(value: string): Protocol {
  const protocol = value.toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a protocol: use one of ${PROTOCOLS.join(', ')}`);
  }
  return protocol;
}

/** `--port <port>`: an integer 1..65535; `description` says what the command does with it. */
export function portOption(description: string): Option {
  return new Option('--port <port>', description).argParser(parsePort);
}

/** `--protocol <protocol>`: TCP, UDP or SCTP in any case, read as upper case; TCP by default. */
export function protocolOption(description: string): Option {
  return new Option('--protocol <protocol>', description).default('TCP').argParser(parseProtocol);
}
