export const TEST_SETTINGS: Record<string, unknown>;
export interface CodeServer {
  url: string;
  userDataDir: string;
  log(): string;
  stop(): void;
}
export function startCodeServer(options?: {
  folder?: string;
  userDataDir?: string;
  extensionsDir?: string;
  env?: Record<string, string>;
  extraArgs?: string[];
  /** User settings besides the test ones. */
  settings?: Record<string, unknown>;
}): Promise<CodeServer>;
export function workbenchUrl(
  serverUrl: string,
  options?: { folder?: string; extensionDevelopmentPath?: string[]; extensionTestsPath?: string },
): string;
export function installExtension(vsix: string, extensionsDir: string): string;
