/** The command of each of the seven steps, in order (plain ids: core never imports vscode). */
export const STEP_COMMANDS = [
  'onedriveMigration.step1Connect',
  'onedriveMigration.step2EstablishTrust',
  'onedriveMigration.step3VerifyTrust',
  'onedriveMigration.step4PrecreateUsers',
  'onedriveMigration.step5IdentityMap',
  'onedriveMigration.step6Moves',
  'onedriveMigration.step7Cleanup',
] as const;

/** Opens the Moves view; its argument (optional) is the view's filter. */
export const SHOW_MOVES_COMMAND = 'onedriveMigration.showMoves';
