// Pieces the rule families share: service-keyed regexes, UUIDs, small structural checks, sample builders.
import { HEX, gen } from '../samples.js';

/** `cloudflare` → `[cC][lL]…`: case-insensitive identifiers inside an otherwise case-sensitive regex. */
export const anyCase = (word: string) => word.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).replace(/[.]/g, '\\.');

/**
 * A value that only means something next to its service's name (`cloudflare_api_key = …`,
 * `SUMO_ACCESS_KEY: …`): the identifier, up to 30 name characters, an operator, then the value.
 */
export function keyed(identifiers: readonly string[], value: string): RegExp {
  const names = identifiers.map(anyCase).join('|');
  return new RegExp(`(?<![A-Za-z0-9])(?:${names})(?![a-z])[\\w.-]{0,30}?["'\\]]{0,2}[ \\t]{0,5}(?:[:=]{1,2}>?|=>|,|[ \\t])[ \\t"'\`]{0,5}(${value})(?![A-Za-z0-9])`, 'g');
}

export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const uuid = () => gen([HEX, 8], '-', [HEX, 4], '-', [HEX, 4], '-', [HEX, 4], '-', [HEX, 12]);
export const hasDigit = (s: string) => /\d/.test(s);
export const mixedCase = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s);

/** Sample builders: a Python assignment, a YAML entry, a `.env` file. */
export const py = (name: string, value: string) => `${name} = "${value}"`;
export const yaml = (name: string, value: string) => `${name}: ${value}`;
export const env = (name: string, value: string) => ({ text: `${name}=${value}\n`, path: '.env' });
