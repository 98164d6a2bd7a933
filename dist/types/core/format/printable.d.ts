/**
 * Text from outside (file and folder names, service names, Docker container names and labels,
 * process names) escaped before it reaches a terminal or a workflow log: a control character could
 * recolour the terminal, move the cursor, or start a `::error::` workflow command on a new line;
 * a bidirectional override could make a name read as another.
 */
/** `text` with each control and bidirectional-formatting character written as `\xNN` or `\uNNNN`. */
export declare function printable(text: string): string;
/** A line of file content: like {@link printable}, but tabs and a line-ending carriage return stay. */
export declare function printableLine(line: string): string;
