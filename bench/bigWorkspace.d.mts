export function writeBigWorkspace(folder: string): number;
