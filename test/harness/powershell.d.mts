export const PWSH_VERSION: string;
export const PWSH_TOOL_PATH: string;
export const PWSH_SKIP_REASON: string;
export function ensurePwsh(): { pwsh: string; skip?: undefined } | { pwsh?: undefined; skip: string };
