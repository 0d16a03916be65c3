/** "1 move", "2 moves", "1,200 users": a count with the right form of its noun (English messages of the core). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
