/** The seven steps' titles (what the CLI, the commands and the index print). */
export const STEP_TITLES = [
  'Connect to the tenants',
  'Establish trust',
  'Verify trust',
  'Pre-create users and groups',
  'Identity map and compatibility',
  'Queue and monitor the moves',
  'Post-migration cleanup',
] as const;
