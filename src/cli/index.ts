#!/usr/bin/env node
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../version.js";

// A reader that goes away (portguard check | head) ends the output, as for any Unix filter:
// no stack trace, and the exit code says what was found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/** Above this a text is written in slices: one large string costs far more to encode than its slices. */
const SLICE = 1 << 20;
/**
 * From this size a text is written as bytes: a pipe that is not drained at once queues the writes,
 * and queued strings cost far more than queued bytes (a 35 MB report in pieces of 64 KiB: 0.3 s CPU).
 */
const AS_BYTES = 1 << 16;

function writeOne(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text.length >= AS_BYTES ? Buffer.from(text, "utf8") : text);
}

/** Writes `text` in slices that never split a surrogate pair. */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (text.length <= SLICE) {
    writeOne(stream, text);
    return;
  }
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    writeOne(stream, text.slice(start, end));
    start = end;
  }
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  // Start-up: the version needs none of the program.
  process.stdout.write(`${VERSION}\n`);
} else {
  // The program is a bundle of its own (dist/cli/program/), loaded only by the commands, through
  // V8's code cache; the loader is a chunk of its own, so --version loads none of its modules.
  const { loadProgram } = await import("./program-loader.js");
  const file = join(dirname(fileURLToPath(import.meta.url)), "program", "index.js");
  const program = await loadProgram(file, argv, process.env);
  const code = await program.main(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => write(process.stdout, text),
    stderr: (text) => write(process.stderr, text),
    isTTY: process.stdout.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  });
  process.exitCode = code;
  program.save(code);
}
