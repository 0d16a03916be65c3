export function writeMovesWorkspace(folder: string): { users: number; files: number; now: string };
