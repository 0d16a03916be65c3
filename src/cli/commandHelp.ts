/** `onedrive-migration <command> --help`: each command's options and an example. */

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  validate: `Usage: onedrive-migration validate <plan> [--json] [--allow-outside]

Checks a plan file and its identity map. Problems go to stderr as file:line:col: severity: message.

Options:
  --json            the problems as one JSON document on stdout (exit codes unchanged)
  --allow-outside   follow the plan's paths outside its folder

Example:
  onedrive-migration validate onedrive-migration.json`,
  scripts: `Usage: onedrive-migration scripts <plan> [--step N]... [--side source|target] [--geography CODE]...
                              [--batch NAME]... [--action NAME]... [--out DIR] [--allow-outside]

Generates the PowerShell scripts (both sides, runbooks and an index) into the plan's scripts folder.
Each option narrows the selection and may be given more than once.

Options:
  --step N          only step N (1–7)
  --side S          only the source or the target admin's scripts
  --geography CODE  only this geography (e.g. EUR)
  --batch NAME      only this batch's queue script (step 6)
  --action NAME     only this action: connect, requestTrust, verifyTrust, precreateUsersAndGroups,
                    checkNoTargetOneDrive, uploadIdentityMap, checkCompatibility, queueBatch,
                    exportMoveStates, stopMoves, removeTrust, listRedirectSites, removeRedirectSites,
                    checkMigrateBack
  --out DIR         write there instead of the plan's output.scripts

Example:
  onedrive-migration scripts onedrive-migration.json --step 6 --batch "Wave 2 - EUR"`,
  import: `Usage: onedrive-migration import <plan> <result file or folder>... [--json] [--allow-outside]

Folds result files (from either admin) into the plan. A value that disagrees with the plan is a
conflict: reported, never written. Exit 0 done, 1 errors, 2 conflicts.

Options:
  --json            the changes and problems as one JSON document on stdout (exit codes unchanged)
  --allow-outside   follow the plan's paths outside its folder

Example:
  onedrive-migration import onedrive-migration.json results/`,
  explain: `Usage: onedrive-migration explain <MnA error code, or a pasted error message>

Explains an engine error code: what it means, what to do and the step to go back to.

Example:
  onedrive-migration explain MnAOdbUsersAreNotLicensed`,
  status: `Usage: onedrive-migration status <plan> [--json]

Where the moves stand, per batch: counts by state, when the batch started, its last change, its pace
(moves per hour) and when its queued moves should be done; then the failed users with their error
code and the fix. From the move states imported into the plan (run the step 6 export, then import).

Exit codes: 0 every move done, 1 a move failed, 3 moves still to do.

Options:
  --json            the same as one JSON document on stdout

Example:
  onedrive-migration status onedrive-migration.json || echo "not done yet"`,
  report: `Usage: onedrive-migration report <plan> --html <file> [--csv <file>] [--stuck-after H] [--stale-after H] [--allow-outside]

The report for management: one HTML page that opens offline (no script, nothing loaded from
elsewhere) with the summary per batch, the moves over time, failures by cause with the fix, what is
left and the activity log; and a CSV of every user's move. Read from the plan and every result file
of its results folder (folded in memory: the plan is not changed). The same numbers as the Moves view.

Options:
  --html FILE        write the page there
  --csv FILE         write every user's state there (UTF-8 with a BOM, for Excel)
  --stuck-after H    a move in progress for more than H hours is stuck (default 24)
  --stale-after H    a move with no fresh state for more than H hours is stale (default 24)

Example:
  onedrive-migration report onedrive-migration.json --html report.html --csv moves.csv`,
  login: `Usage: onedrive-migration login source|target <plan> --client-id <id> [--authority URL] [--graph URL] [--ca FILE] [--cache-dir DIR]

Live mode: signs in to one tenant with a device code (open the page it prints on any device and
enter the code), with your organisation's own app registration. The account's tenant must be the
plan's (a token from another tenant, or from the other role's, is refused). The token cache stays
in ~/.config/onedrive-migration (folder 0700, files 0600); logout deletes it.

Options:
  --client-id ID   the application (client) ID of the app registration
  --authority URL  where to sign in (default https://login.microsoftonline.com)
  --graph URL      Microsoft Graph (default https://graph.microsoft.com)
  --ca FILE        a PEM certificate to trust besides the system's
  --cache-dir DIR  where to keep the token cache

Example:
  onedrive-migration login source onedrive-migration.json --client-id 11111111-2222-3333-4444-555555555555`,
  logout: `Usage: onedrive-migration logout source|target [--cache-dir DIR]

Live mode: deletes that tenant's token cache (the next login asks again).`,
  rehearse: `Usage: onedrive-migration rehearse <plan> [--scenario <scenario.json>] [--out DIR] [--quiet] [--allow-outside]

Runs both admins' generated scripts in PowerShell 7 against simulated tenants built from the plan,
in a copy of the workspace (the plan is never touched), and reports what failed and why.

Options:
  --scenario FILE   faults and sizes for the simulated tenants
  --out DIR         keep the rehearsal's workspace there (a new or empty folder)
  --quiet           only the summary

Example:
  onedrive-migration rehearse onedrive-migration.json --scenario unlicensed.json`,
  'map validate': `Usage: onedrive-migration map validate <identity-map.csv> [--plan <plan>] [--json]

Checks an identity map (and, with --plan, against the plan's tenants and batches).

Options:
  --plan FILE       the plan to check the map against
  --json            the problems and counts as one JSON document on stdout (exit codes unchanged)

Example:
  onedrive-migration map validate identity-map.csv --plan onedrive-migration.json`,
  'map match': `Usage: onedrive-migration map match --source-users <csv> --target-users <csv>
                                [--source-groups <csv> --target-groups <csv>] [--domain a.com=b.com]...
                                (--plan <plan> | --source-tenant-id <guid>) --out <csv> [--report <csv>]
                                [--accept-suggestions]

Builds identity-map rows from two directory exports (employee ID, immutable ID, mail, proxy
addresses, UPN with domain mapping); a report says which rule matched each row.

Example:
  onedrive-migration map match --source-users source-users.csv --target-users target-users.csv \\
    --domain contoso.com=fabrikam.com --plan onedrive-migration.json --out identity-map.csv`,
};

/** The command a help request is for (`map match --help` → "map match"), when it has help. */
export function helpTopic(argv: readonly string[]): string | undefined {
  if (!argv.includes('--help') && !argv.includes('-h')) return undefined;
  const [command, sub] = argv;
  const topic = command === 'map' && sub && !sub.startsWith('-') ? `map ${sub}` : command;
  return topic && COMMAND_HELP[topic] ? topic : undefined;
}
