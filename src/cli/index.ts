#!/usr/bin/env node
/** Entry point of the `onedrive-migration` binary. */
import { escapeControls } from './cliSupport';
import { runCli } from './main';

/**
 * Writes lines to stdout or stderr. A reader that went away (`onedrive-migration validate … | head -1`)
 * is not an error of the command: the stream's EPIPE is caught, nothing more is written to it, and
 * the command finishes with its own exit code (no stack trace). Any other write error is reported
 * on the other stream, once, and makes the exit code at least 1.
 */
function lineWriter(stream: NodeJS.WriteStream, other: () => NodeJS.WriteStream, failed: () => void): (line: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code === 'EPIPE') return;
    failed();
    try {
      other().write(`error: cannot write the output: ${escapeControls(error.message)}\n`);
    } catch {
      // both streams are gone: nothing left to tell
    }
  });
  return (line) => {
    if (!closed) stream.write(line + '\n');
  };
}

let writeFailed = false;
const markFailed = () => {
  writeFailed = true;
  process.exitCode = Math.max(Number(process.exitCode ?? 0), 1); // the error may come after the command has finished
};
const out = lineWriter(process.stdout, () => process.stderr, markFailed);
const err = lineWriter(process.stderr, () => process.stdout, markFailed);

runCli(process.argv.slice(2), { out, err, cwd: process.cwd(), now: new Date() }).then(
  (code) => {
    process.exitCode = writeFailed ? Math.max(code, 1) : code;
  },
  (error: unknown) => {
    err(`error: ${escapeControls(String((error as Error)?.message ?? error))}`);
    process.exitCode = 1;
  },
);
