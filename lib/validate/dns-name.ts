import { FieldError } from './finding';
import { validateString } from './shape';

/** DNS names as apimachinery's IsDNS1123Subdomain and IsDNS1123Label check them. */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** apimachinery's RegexError: the rule, examples, and the regex itself. */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) {
    return `${message} (regex used for validation is '${format}')`;
  }
  const shown = examples.map((example) => `'${example}', `).join('or ');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

/** apimachinery's MaxLenError. */
export function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * apimachinery's checks of a DNS name, in its order: the length, then the format (the
 * format's error is computed only when the value fails it).
 */
function dnsNameErrors(value: string, maxLength: number, format: RegExp, formatError: () => string): string[] {
  return [...(value.length > maxLength ? [maxLengthError(maxLength)] : []), ...(format.test(value) ? [] : [formatError()])];
}

/** What is wrong with a DNS-1123 subdomain (`example.com`); empty when it is valid. */
export function dns1123SubdomainErrors(value: string): string[] {
  return dnsNameErrors(value, DNS1123_SUBDOMAIN_MAX_LENGTH, DNS1123_SUBDOMAIN, () =>
    regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN_FMT,
      'example.com',
    ),
  );
}

/** What is wrong with a DNS-1123 label (`my-name`); empty when it is valid. */
export function dns1123LabelErrors(value: string): string[] {
  return dnsNameErrors(value, DNS1123_LABEL_MAX_LENGTH, DNS1123_LABEL, () =>
    DNS1123_SUBDOMAIN.test(value)
      ? 'must not contain dots'
      : regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
  );
}

/** What is wrong with a DNS-1035 label (`my-name`, starting with a letter), as a Service name must be; empty when it is valid. */
export function dns1035LabelErrors(value: string): string[] {
  return dnsNameErrors(value, DNS1123_LABEL_MAX_LENGTH, DNS1035_LABEL, () =>
    regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL_FMT,
      'my-name',
      'abc-123',
    ),
  );
}

/** A name that must be a DNS-1123 subdomain, such as an object's metadata.name. */
export function validateDnsSubdomainName(value: unknown, path: string): FieldError[] {
  return validateString(value, path, dns1123SubdomainErrors);
}

/** A name that must be a DNS-1123 label, such as a namespace name. */
export function validateDnsLabelName(value: unknown, path: string): FieldError[] {
  return validateString(value, path, dns1123LabelErrors);
}
