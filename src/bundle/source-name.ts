// The topology's file name as the bundle carries it (manifest.json `source.file` and every generated file's header): checked like any other value.

/**
 * Characters a source file name may hold: letters, digits and combining marks of any script, and
 * `. _ - + @ , = ~`. Everything else is refused rather than escaped: control characters (C0, C1 such as
 * U+0085, DEL) end or split header lines, bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F,
 * U+061C) and other format characters reorder or hide text in every generated file, spaces and shell or
 * configuration punctuation (`? # ! $ " ' \` { } \\`) mean something to keepalived, IOS or a shell. An
 * escaped name would no longer be the file's name; renaming the file is the clear fix.
 */
const SAFE_NAME = /^[\p{L}\p{N}\p{M}._+\-@,=~]+$/u;

/**
 * Why `name` (a base name, without directories) cannot go into the bundle, or undefined when it can.
 * The message names the first offending character by its code point.
 */
export function unsafeSourceName(name: string): string | undefined {
  if (SAFE_NAME.test(name) && name !== '.' && name !== '..') return undefined;
  for (const char of name) {
    if (!SAFE_NAME.test(char)) {
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) ? ` (${char})` : '';
      return `the topology's file name ${JSON.stringify(name)} holds ${code}${shown}; the bundle copies the name into manifest.json and every generated file's header, so it may hold only letters, digits and . _ - + @ , = ~ (rename the file)`;
    }
  }
  return `the topology's file name ${JSON.stringify(name)} cannot name a file in the bundle (rename the file)`;
}
