// Building regular expressions from text read out of files.

/** `text` with every character a regular expression gives a meaning to escaped, so it matches only itself. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
