/** The extension's LogOutputChannel ("OneDrive Migration"), created on first use; secrets are redacted. */
import * as vscode from 'vscode';
import { redactSecrets } from '../core/text/redact';

let channel: vscode.LogOutputChannel | undefined;

function output(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('OneDrive Migration', { log: true }));
}

export const log = {
  info: (message: string) => output().info(redactSecrets(message)),
  warn: (message: string) => output().warn(redactSecrets(message)),
  error: (message: string | Error) =>
    output().error(redactSecrets(message instanceof Error ? `${message.message}\n${message.stack ?? ''}` : message)),
  debug: (message: string) => output().debug(redactSecrets(message)),
  show: () => output().show(true),
  dispose: () => channel?.dispose(),
};
