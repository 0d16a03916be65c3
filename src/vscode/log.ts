/** The extension's LogOutputChannel ("OneDrive Migration"), created on first use; secrets are redacted. */
import * as vscode from 'vscode';
import { redactSecrets } from '../core/text/redact';
import { testHooksEnabled } from '../services/testHooks';

let channel: vscode.LogOutputChannel | undefined;

/** Under test: every line as it went to the log (a test searches it for tokens). */
export const recordedLog: string[] | undefined = testHooksEnabled(process.env) ? [] : undefined;

function output(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('OneDrive Migration', { log: true }));
}

function line(message: string): string {
  const text = redactSecrets(message);
  recordedLog?.push(text);
  return text;
}

export const log = {
  info: (message: string) => output().info(line(message)),
  warn: (message: string) => output().warn(line(message)),
  error: (message: string | Error) =>
    output().error(line(message instanceof Error ? `${message.message}\n${message.stack ?? ''}` : message)),
  debug: (message: string) => output().debug(line(message)),
  show: () => output().show(true),
  dispose: () => channel?.dispose(),
};
