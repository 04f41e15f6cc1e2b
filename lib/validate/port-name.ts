import { maxLengthError } from './dns-name';

/** Named ports as apimachinery's IsValidPortName checks them (an IANA_SVC_NAME). */

const PORT_NAME_MAX_LENGTH = 15;

/** What is wrong with a port name (`http`, `dns-tcp`); empty when valid. */
export function portNameErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > PORT_NAME_MAX_LENGTH) {
    errors.push(maxLengthError(PORT_NAME_MAX_LENGTH));
  }
  if (!/^[-a-z0-9]+$/.test(value)) {
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  } else if (!/[a-z]/.test(value)) {
    errors.push('must contain at least one letter (a-z)');
  }
  if (value.includes('--')) {
    errors.push('must not contain consecutive hyphens');
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    errors.push('must not begin or end with a hyphen');
  }
  return errors;
}
