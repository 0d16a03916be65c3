/**
 * Step 4 (target): find mapped target users and groups that do not exist yet and, with
 * -CreateMissing, create them through Microsoft Graph PowerShell:
 *   members → New-MgUser (with the PreferredDataLocation of their batch's target geography),
 *   guests  → New-MgInvitation,
 *   Microsoft 365 groups → New-MgBetaGroup -GroupTypes Unified -ResourceBehaviorOptions ProvisionSiteOnDemand
 *     -MailEnabled:$false -SecurityEnabled (the only supported way, domain.md §6),
 *   other groups → New-MgGroup (security).
 * Plus, per target geography, a check that no target OneDrive exists yet (it would make the
 * move fail), through Get-SPOSite: never Graph /drive, which would provision one.
 */
import { isGroupRow, isUserRow, type IdentityMapRow } from '../../identity/identityMapRows';
import { batchUserSource } from '../../plan/planQueries';
import type { Plan } from '../../plan/planSchema';
import { upnKey } from '../../plan/principalNames';
import { SINGLE_GEO_CODE } from '../../tenancy/geographies';
import { EOL, connectLines, indent } from '../scriptDocument';
import type { GeneratedFile, GeneratorInput, StepOutput } from '../generatorTypes';
import { EXIT_WAITING } from '../psHelpers';
import { psString } from '../quote';
import { csvLine } from '../../text/csvField';
import { contextOf, describeGeography, geoSuffix, scriptFile } from '../stepContext';
import { GUID } from '../../text/guid';

export const RESTRICT_ONEDRIVE_GUIDANCE = [
  'Restrict OneDrive creation on the target before any new user signs in: SharePoint admin center > More features >',
  'User profiles > Open > People > Manage User Permissions: remove "Everyone except external users" from',
  '"Create Personal Site" and add only the groups that may have a OneDrive now. Existing OneDrives are not deleted.',
];

const USERS_CSV = '04-target-users.csv';
const GROUPS_CSV = '04-target-groups.csv';

export function buildStep4(input: GeneratorInput): StepOutput {
  const { plan } = input;
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  if (!input.identityMap) {
    out.blocked.push({
      side: 'target',
      step: 4,
      action: 'precreateUsersAndGroups',
      message: 'The identity map could not be read: step 4 creates the principals it lists. Prepare the map (step 5) first.',
    });
    return out;
  }
  const rows = input.identityMap;
  out.files.push(dataFile(USERS_CSV, 'Target users to check or create', userCsv(plan, rows.filter(isUserRow))));
  out.files.push(dataFile(GROUPS_CSV, 'Target groups to check or create', groupCsv(rows.filter(isGroupRow))));
  out.files.push(precreateScript(input));
  for (const geo of plan.target.geographies) {
    const where = describeGeography(plan, 'target', geo);
    out.files.push(
      scriptFile(
        input,
        {
          step: 4,
          side: 'target',
          title: `Step 4 - Check that no target OneDrive exists yet (${where})`,
          runsOn: where,
          purpose: [
            'Lists the OneDrives of this geography with Get-SPOSite (which never provisions one) and reports every mapped',
            'target user who already has a OneDrive: the move would fail with MnASiteMoveTargetUrlHasWriteConflict.',
            ...RESTRICT_ONEDRIVE_GUIDANCE,
          ],
          needs: ['SharePoint Administrator on the target tenant.', `${USERS_CSV} next to this script.`],
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, 'target', geo),
          parameters: [`[string]$UsersCsv = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(USERS_CSV)})`],
          body: [
            ...connectLines(geo.adminUrl, where),
            '$lookup = @{}',
            'foreach ($row in @(Import-Csv -LiteralPath $UsersCsv -Encoding UTF8)) { $lookup[$row.TargetUserPrincipalName.ToLowerInvariant()] = $true }',
            "$sites = @(Get-SPOSite -IncludePersonalSite $true -Limit All -Filter 'Url -like ''-my.sharepoint.com/personal/''')",
            '$conflicts = New-Object -TypeName System.Collections.Generic.List[object]',
            'foreach ($site in $sites) {',
            ...indent([
              '$owner = [string]$site.Owner',
              "if ($owner -ne '' -and $lookup.ContainsKey($owner.ToLowerInvariant())) {",
              ...indent([
                '$conflicts.Add([ordered]@{ target = $owner; url = [string]$site.Url })',
                "Write-Warning -Message ('{0} already has a OneDrive at {1}: its move would fail. Remove that OneDrive (if empty) or change the mapping.' -f $owner, $site.Url)",
              ]),
              '}',
            ]),
            '}',
            "Write-Host ('{0} mapped users checked, {1} already have a OneDrive here.' -f $lookup.Count, $conflicts.Count)",
            "Write-MigrationResult -Kind 'targetOneDriveCheck' -Data ([ordered]@{ checkedUsers = $lookup.Count; conflicts = $conflicts })",
            'if ($conflicts.Count -gt 0) {',
            ...indent([
              "Write-Warning -Message 'Resolve these OneDrives before the source admin queues any move; then run this script again.'",
              `exit ${EXIT_WAITING}`,
            ]),
            '}',
          ],
        },
        `04-check-no-target-onedrive${geoSuffix(geo.code)}.ps1`,
        { action: 'checkNoTargetOneDrive', geography: geo.code },
      ),
    );
  }
  return out;
}

function dataFile(name: string, title: string, lines: string[]): GeneratedFile {
  return {
    path: `target/${name}`,
    content: lines.join(EOL) + EOL,
    kind: 'data',
    side: 'target',
    step: 4,
    action: 'precreateUsersAndGroups',
    title,
    bom: true,
  };
}

/** Target geography per source UPN, from the batches (Multi-Geo targets only: PDL decides where a OneDrive is created). */
function preferredLocations(plan: Plan): Map<string, string> {
  const map = new Map<string, string>();
  if (plan.target.geographies.length < 2) return map;
  for (const b of plan.batches ?? []) {
    if (b.targetGeography === SINGLE_GEO_CODE) continue;
    for (const u of b.users) map.set(upnKey(batchUserSource(u)), b.targetGeography);
  }
  return map;
}

function displayNameFromUpn(upn: string): string {
  const local = upn.split('#EXT#')[0]!.split('@')[0]!;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

function userCsv(plan: Plan, rows: readonly IdentityMapRow[]): string[] {
  const pdl = preferredLocations(plan);
  return [
    csvLine(['SourceUserPrincipalName', 'TargetUserPrincipalName', 'TargetEmail', 'UserType', 'DisplayName', 'PreferredDataLocation']),
    ...rows.map((r) => csvLine([r.source, r.target, r.nameOrEmail, r.type, displayNameFromUpn(r.target), pdl.get(upnKey(r.source)) ?? ''])),
  ];
}

function groupCsv(rows: readonly IdentityMapRow[]): string[] {
  return [
    csvLine(['SourceGroupObjectId', 'TargetGroupObjectId', 'GroupName', 'GroupType', 'DisplayName']),
    // Column 5 is the alias for Microsoft 365 groups and often just the object ID again: only a real name is a usable display name.
    ...rows.map((r) => csvLine([r.source, r.target, r.nameOrEmail, r.type, GUID.test(r.nameOrEmail) ? '' : r.nameOrEmail])),
  ];
}

function precreateScript(input: GeneratorInput): GeneratedFile {
  const { plan } = input;
  const tenant = plan.target;
  const central = tenant.geographies.find((g) => g.default) ?? tenant.geographies[0]!;
  const tenantRef = tenant.tenantId ?? `${tenant.name}.onmicrosoft.com`;
  const where = `target tenant ${tenant.name} (Microsoft Graph, all geographies)`;
  const notFound = "$_.Exception.Message -match 'Request_ResourceNotFound|ResourceNotFound|does not exist|NotFound'";
  const body: string[] = [
    "Write-Host 'Connecting to Microsoft Graph ...'",
    `Connect-MgGraph -TenantId ${psString(tenantRef)} -Scopes @('User.ReadWrite.All', 'Group.ReadWrite.All', 'User.Invite.All') -NoWelcome`,
    ...(tenant.tenantId
      ? [
          `if ((Get-MgContext).TenantId -ne ${psString(tenant.tenantId)}) { throw (${psString(`Signed in to tenant {0}, but this script is for the target tenant ${tenant.tenantId}.`)} -f (Get-MgContext).TenantId) }`,
        ]
      : []),
    '$userResults = New-Object -TypeName System.Collections.Generic.List[object]',
    '$groupResults = New-Object -TypeName System.Collections.Generic.List[object]',
    '',
    '# Users: members are created, guests are invited (without an e-mail), existing ones are left alone.',
    'foreach ($row in @(Import-Csv -LiteralPath $UsersCsv -Encoding UTF8)) {',
    ...indent([
      "$isGuest = $row.UserType -eq 'GuestUser'",
      '$found = $null',
      'try {',
      ...indent([
        'if ($isGuest) {',
        // OData quotes are doubled; [char]39 keeps the script free of double-quoted strings.
        ...indent([
          "$found = @(Get-MgUser -Filter ('mail eq {0}{1}{0}' -f [char]39, $row.TargetEmail.Replace([string][char]39, [string][char]39 + [char]39))) | Select-Object -First 1",
        ]),
        '} else {',
        ...indent(['$found = Get-MgUser -UserId $row.TargetUserPrincipalName']),
        '}',
      ]),
      `} catch { if (-not (${notFound})) { throw } }`,
      'if ($null -ne $found) {',
      ...indent([
        "$userResults.Add([ordered]@{ target = $row.TargetUserPrincipalName; status = 'exists'; objectId = $found.Id; error = $null })",
        'continue',
      ]),
      '}',
      'if (-not $CreateMissing) {',
      ...indent([
        "Write-Warning -Message ('Missing in the target: {0} ({1}). Run again with -CreateMissing to create it.' -f $row.TargetUserPrincipalName, $row.UserType)",
        "$userResults.Add([ordered]@{ target = $row.TargetUserPrincipalName; status = 'skipped'; objectId = $null; error = 'missing' })",
        'continue',
      ]),
      '}',
      "if (-not $PSCmdlet.ShouldProcess($row.TargetUserPrincipalName, 'Create target user')) { continue }",
      'try {',
      ...indent([
        'if ($isGuest) {',
        ...indent([
          '$invite = New-MgInvitation -InvitedUserEmailAddress $row.TargetEmail -InvitedUserDisplayName $row.DisplayName -InviteRedirectUrl $GuestRedirectUrl -SendInvitationMessage:$false',
          '$guestId = [string]$invite.InvitedUser.Id',
          '$guest = Get-MgUser -UserId $guestId',
          '$note = $null',
          "if ($guest.UserPrincipalName -ne $row.TargetUserPrincipalName) { $note = ('The guest UPN is {0}: put it in column 4 of the identity map and upload it again.' -f $guest.UserPrincipalName) }",
          "$userResults.Add([ordered]@{ target = $row.TargetUserPrincipalName; status = 'invited'; objectId = $guest.Id; error = $note })",
        ]),
        '} else {',
        ...indent([
          // The password is never written anywhere: the admin resets it when handing the account over.
          "$passwordProfile = @{ Password = ([guid]::NewGuid().ToString() + 'Aa1!'); ForceChangePasswordNextSignIn = $true }",
          "$nickname = ($row.TargetUserPrincipalName -split '@')[0]",
          "if ($row.PreferredDataLocation -ne '') {",
          ...indent([
            '$created = New-MgUser -AccountEnabled -DisplayName $row.DisplayName -MailNickname $nickname -UserPrincipalName $row.TargetUserPrincipalName -PasswordProfile $passwordProfile -UsageLocation $UsageLocation -PreferredDataLocation $row.PreferredDataLocation',
          ]),
          '} else {',
          ...indent([
            '$created = New-MgUser -AccountEnabled -DisplayName $row.DisplayName -MailNickname $nickname -UserPrincipalName $row.TargetUserPrincipalName -PasswordProfile $passwordProfile -UsageLocation $UsageLocation',
          ]),
          '}',
          "$userResults.Add([ordered]@{ target = $row.TargetUserPrincipalName; status = 'created'; objectId = $created.Id; error = $null })",
        ]),
        '}',
      ]),
      '} catch {',
      ...indent([
        "$userResults.Add([ordered]@{ target = $row.TargetUserPrincipalName; status = 'failed'; objectId = $null; error = $_.Exception.Message })",
        "Write-Warning -Message ('Could not create {0}: {1}' -f $row.TargetUserPrincipalName, $_.Exception.Message)",
      ]),
      '}',
    ]),
    '}',
    '',
    '# Groups: a new group gets a new object ID, so the identity map must be updated and uploaded again.',
    'foreach ($row in @(Import-Csv -LiteralPath $GroupsCsv -Encoding UTF8)) {',
    ...indent([
      '$found = $null',
      `try { $found = Get-MgGroup -GroupId $row.TargetGroupObjectId } catch { if (-not (${notFound})) { throw } }`,
      "$alias = ($row.GroupName -replace '[^A-Za-z0-9]', '')",
      "if ($alias -eq '') { $alias = ($row.DisplayName -replace '[^A-Za-z0-9]', '') }",
      '# A group created by an earlier run has a new object ID: find it by its alias instead of creating it again.',
      "if ($null -eq $found -and $alias -ne '') { $found = @(Get-MgGroup -Filter ('mailNickname eq {0}{1}{0}' -f [char]39, $alias)) | Select-Object -First 1 }",
      'if ($null -ne $found) {',
      ...indent([
        "$note = if ([string]$found.Id -ne $row.TargetGroupObjectId) { ('Found by alias as {0}: put that ID in columns 4 and 5 of the identity map and upload it again.' -f $found.Id) } else { $null }",
        "$groupResults.Add([ordered]@{ source = $row.SourceGroupObjectId; mappedTarget = $row.TargetGroupObjectId; status = 'exists'; objectId = $found.Id; error = $note })",
        "if ($null -ne $note) { Write-Warning -Message ('Group {0}: {1}' -f $row.DisplayName, $note) }",
        'continue',
      ]),
      '}',
      "if (-not $CreateMissing -or $row.DisplayName -eq '') {",
      ...indent([
        "$reason = if ($row.DisplayName -eq '') { 'missing; fill DisplayName in the groups CSV to create it' } else { 'missing' }",
        "Write-Warning -Message ('Group {0} does not exist in the target: {1}.' -f $row.TargetGroupObjectId, $reason)",
        "$groupResults.Add([ordered]@{ source = $row.SourceGroupObjectId; mappedTarget = $row.TargetGroupObjectId; status = 'skipped'; objectId = $null; error = $reason })",
        'continue',
      ]),
      '}',
      "if (-not $PSCmdlet.ShouldProcess($row.DisplayName, 'Create target group')) { continue }",
      'try {',
      ...indent([
        "if ($row.GroupType -eq 'O365Group') {",
        ...indent([
          "$created = New-MgBetaGroup -GroupTypes @('Unified') -MailNickname $alias -DisplayName $row.DisplayName -ResourceBehaviorOptions @('ProvisionSiteOnDemand') -MailEnabled:$false -SecurityEnabled",
        ]),
        '} else {',
        ...indent(['$created = New-MgGroup -DisplayName $row.DisplayName -MailEnabled:$false -MailNickname $alias -SecurityEnabled']),
        '}',
        "$groupResults.Add([ordered]@{ source = $row.SourceGroupObjectId; mappedTarget = $row.TargetGroupObjectId; status = 'created'; objectId = $created.Id; error = ('Put {0} in columns 4 and 5 of the identity map and upload it again.' -f $created.Id) })",
      ]),
      '} catch {',
      ...indent([
        "$groupResults.Add([ordered]@{ source = $row.SourceGroupObjectId; mappedTarget = $row.TargetGroupObjectId; status = 'failed'; objectId = $null; error = $_.Exception.Message })",
      ]),
      '}',
    ]),
    '}',
    '',
    "Write-MigrationResult -Kind 'precreation' -Data ([ordered]@{ users = $userResults; groups = $groupResults })",
    "$missingUsers = @($userResults | Where-Object -FilterScript { $_.status -eq 'skipped' -or $_.status -eq 'failed' }).Count",
    "$missingGroups = @($groupResults | Where-Object -FilterScript { $_.status -eq 'skipped' -or $_.status -eq 'failed' }).Count",
    "$remap = @($groupResults | Where-Object -FilterScript { $_.status -eq 'created' -or ($_.status -eq 'exists' -and $null -ne $_.error) }).Count",
    "Write-Host ('Users: {0} checked, {1} missing or failed. Groups: {2} checked, {3} missing or failed, {4} with a new object ID for the map.' -f $userResults.Count, $missingUsers, $groupResults.Count, $missingGroups, $remap)",
    "Write-Host 'Assign every new user a licence that includes OneDrive (and the Cross Tenant User Data Migration licence on the source or target user).' -ForegroundColor Yellow",
    "Write-Host 'New users must NOT sign in to OneDrive before their move completes: signing in creates the OneDrive and the move then fails.' -ForegroundColor Yellow",
    ...RESTRICT_ONEDRIVE_GUIDANCE.map((l) => `Write-Host ${psString(l)}`),
    'if ($missingUsers + $missingGroups + $remap -gt 0) {',
    ...indent([
      "Write-Warning -Message 'Not every target user and group is ready: review the warnings above (run again with -CreateMissing to create what is missing, update the identity map where a group got a new ID), then run this script again.'",
      `exit ${EXIT_WAITING}`,
    ]),
    '}',
  ];
  return scriptFile(
    input,
    {
      step: 4,
      side: 'target',
      title: `Step 4 - Pre-create target users and groups (${where})`,
      runsOn: where,
      purpose: [
        'Checks every target user and group of the identity map in Microsoft Graph. Without -CreateMissing it only reports.',
        'With -CreateMissing: members are created (PreferredDataLocation = the target geography of their batch),',
        'guests are invited without an e-mail, Microsoft 365 groups are created with New-MgBetaGroup',
        '-ResourceBehaviorOptions ProvisionSiteOnDemand (other ways make migrations fail), security groups with New-MgGroup.',
        'New passwords are random and never written anywhere: reset them when you hand the accounts over.',
      ],
      needs: [
        'Microsoft Graph PowerShell (Microsoft.Graph and Microsoft.Graph.Beta) and a User Administrator + Groups Administrator sign-in.',
        `${USERS_CSV} and ${GROUPS_CSV} next to this script (generated from the identity map; edit DisplayName freely).`,
      ],
      modules: [
        'Microsoft.Graph.Authentication',
        'Microsoft.Graph.Users',
        'Microsoft.Graph.Groups',
        'Microsoft.Graph.Identity.SignIns',
        'Microsoft.Graph.Beta.Groups',
      ],
      supportsWhatIf: true,
      resultsPath: input.paths.resultsFromScripts,
      context: { tenant: tenant.name, geography: central.code, adminUrl: contextOf(plan, 'target', central).adminUrl },
      parameters: [
        `[string]$UsersCsv = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(USERS_CSV)})`,
        `[string]$GroupsCsv = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(GROUPS_CSV)})`,
        '[switch]$CreateMissing',
        "[string]$UsageLocation = 'US'",
        "[string]$GuestRedirectUrl = 'https://myapps.microsoft.com'",
      ],
      body,
    },
    '04-precreate-users-and-groups.ps1',
    { action: 'precreateUsersAndGroups' },
  );
}
