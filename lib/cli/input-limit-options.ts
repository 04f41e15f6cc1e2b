import { InvalidArgumentError, Option } from 'commander';
import type { InputLimit } from '../manifests';

/**
 * `--max-input-bytes`, `--max-yaml-nodes`, `--max-documents`: the limits on the manifest
 * inputs of every command that reads them, so that a refusal can name the flag that raises
 * it. Given nothing, the library's limits apply (lib/manifests/limits.ts, not imported here:
 * the manifests room is loaded only once a command runs); the help states them, and a test
 * holds the two equal.
 */

/** The flag of each limit, by its LoadManifestsOptions name. */
export const INPUT_LIMIT_FLAGS: Readonly<Record<InputLimit, string>> = {
  maxBytes: '--max-input-bytes',
  maxYamlNodes: '--max-yaml-nodes',
  maxDocuments: '--max-documents',
};

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${JSON.stringify(value)} is not a limit for ${flag}: use a positive integer`);
    }
    return number;
  };
}

function limitOption(limit: InputLimit, valueName: string, description: string, defaultValue: string): Option {
  const flag = INPUT_LIMIT_FLAGS[limit];
  return new Option(`${flag} <${valueName}>`, `${description} (default: ${defaultValue})`).argParser(positiveInteger(flag));
}

/** `--max-input-bytes <bytes>`: the largest manifest file or standard input read. */
export function maxInputBytesOption(): Option {
  return limitOption('maxBytes', 'bytes', 'refuse a manifest file (or standard input) larger than this', '67108864, 64 MiB');
}

/** `--max-yaml-nodes <count>`: the YAML nodes all manifest inputs may expand to. */
export function maxYamlNodesOption(): Option {
  return limitOption('maxYamlNodes', 'count', 'refuse inputs that expand to more YAML nodes, all files together (an alias counts its anchor at every use)', '5000000');
}

/** `--max-documents <count>`: the documents all manifest inputs may hold. */
export function maxDocumentsOption(): Option {
  return limitOption('maxDocuments', 'count', 'refuse inputs with more YAML documents, all files together (List items included)', '100000');
}

/** The limits a command was given, as LoadManifestsOptions takes them (commander's option values). */
export function inputLimitsOf(options: { maxInputBytes?: number; maxYamlNodes?: number; maxDocuments?: number }): {
  maxBytes?: number;
  maxYamlNodes?: number;
  maxDocuments?: number;
} {
  return { maxBytes: options.maxInputBytes, maxYamlNodes: options.maxYamlNodes, maxDocuments: options.maxDocuments };
}
