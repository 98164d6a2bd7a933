/**
 * Text from outside (file and folder names, service names, Docker container names and labels,
 * process names) escaped before it reaches a terminal or a workflow log: a control character could
 * recolour the terminal, move the cursor, or start a `::error::` workflow command on a new line;
 * a bidirectional override could make a name read as another.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** `text` with each control and bidirectional-formatting character written as `\xNN` or `\uNNNN`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** A line of file content: like {@link printable}, but tabs and a line-ending carriage return stay. */
export function printableLine(line: string): string {
  const cr = line.endsWith("\r") ? "\r" : "";
  return (cr ? line.slice(0, -1) : line).split("\t").map(printable).join("\t") + cr;
}
