/**
 * The cmdlets generated scripts may call, with their parameters and enum values, taken from
 * domain.md (§1.2–§1.8, §2.3, §5, §8: CMD-HEAD pages and the CMD-STUB PlatyPS stubs, which
 * give exact syntax). Tests check every command and parameter in every generated script
 * against this catalogue; snippets and hovers (VS Code layer) are built from it too.
 */

export interface ParameterSpec {
  name: string;
  type: string;
  /** Accepted values of an enum parameter. */
  values?: readonly string[];
  mandatory?: boolean;
  /** 0-based position, for parameters that bind by position. */
  position?: number;
  /** The parameter sets it belongs to (all sets when absent). */
  sets?: readonly string[];
  description?: string;
}

export type CmdletModule =
  | 'Microsoft.Online.SharePoint.PowerShell'
  | 'Microsoft.Graph.Authentication'
  | 'Microsoft.Graph.Users'
  | 'Microsoft.Graph.Groups'
  | 'Microsoft.Graph.Identity.SignIns'
  | 'Microsoft.Graph.Beta.Groups'
  | 'Microsoft.Graph.Applications';

export interface CmdletSpec {
  name: string;
  module: CmdletModule;
  /** With parameter sets: the one PowerShell picks when the bound parameters leave a choice. */
  defaultSet?: string;
  synopsis: string;
  parameters: readonly ParameterSpec[];
  /** Adds -WhatIf / -Confirm. */
  supportsShouldProcess?: boolean;
  /** Where the syntax comes from (domain.md source tag), and whether Microsoft documents it. */
  source: string;
  documented: boolean;
}

export const COMMON_PARAMETERS: readonly string[] = [
  'Verbose',
  'Debug',
  'ErrorAction',
  'WarningAction',
  'InformationAction',
  'ErrorVariable',
  'WarningVariable',
  'InformationVariable',
  'OutVariable',
  'OutBuffer',
  'PipelineVariable',
  'ProgressAction',
];
const SHOULD_PROCESS_PARAMETERS: readonly string[] = ['WhatIf', 'Confirm'];

const SCENARIO = ['None', 'MnA'] as const;
const ROLE = ['None', 'Source', 'Target'] as const;
export const MOVE_STATE_FILTER_VALUES = [
  'NotStarted',
  'InProgress',
  'Success',
  'Failed',
  'Stopped',
  'Queued',
  'NotSupported',
  'Rescheduled',
  'All',
] as const;
export const USER_TYPES = ['None', 'RegularUser', 'AdminUser', 'GuestUser'] as const;
export const GROUP_TYPES = ['None', 'RegularGroup', 'AdminGroup', 'O365Group'] as const;

const p = (name: string, type: string, extra: Partial<ParameterSpec> = {}): ParameterSpec => ({ name, type, ...extra });
const hostUrl = (description = "The partner's cross-tenant host URL (Get-SPOCrossTenantHostUrl on the partner).") =>
  p('PartnerCrossTenantHostUrl', 'String', { mandatory: true, description });
const relationshipParameters = [
  p('Scenario', 'OrgRelationScenario', { values: SCENARIO, mandatory: true, position: 0, description: 'Always MnA.' }),
  p('PartnerRole', 'OrgRelationRole', {
    values: ROLE,
    mandatory: true,
    position: 1,
    description: 'The role of the PARTNER tenant: Target when run on the source, Source when run on the target.',
  }),
  { ...hostUrl(), position: 2 },
];
const MOVE_REPORT_SETS = { report: ['MoveReport'], user: ['SourceUserPrincipalName'], id: ['SiteMoveId'] } as const;
const spo = 'Microsoft.Online.SharePoint.PowerShell' as const;

export const CMDLETS: readonly CmdletSpec[] = [
  {
    name: 'Connect-SPOService',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Connects to a SharePoint admin URL. One connection per session: connecting again replaces it.',
    parameters: [
      p('Url', 'String', {
        mandatory: true,
        position: 0,
        description: 'Admin URL of the tenant or geography, e.g. https://contoso-admin.sharepoint.com.',
      }),
      p('Credential', 'CredentialCmdletPipeBind'),
      p('ClientTag', 'String'),
      p('Region', 'AADCrossTenantAuthenticationLocation', { values: ['Default', 'ITAR', 'Delos', 'France', 'Germany', 'China'] }),
      p('ModernAuth', 'Boolean'),
      p('UseSystemBrowser', 'Boolean'),
      p('AuthenticationUrl', 'String'),
      p('ClientId', 'String'),
      p('TenantId', 'String'),
      p('Certificate', 'X509Certificate2'),
      p('CertificatePath', 'String'),
      p('CertificatePassword', 'SecureString'),
      p('CertificateThumbprint', 'String'),
      p('ManagedIdentity', 'SwitchParameter'),
      p('ManagedIdentityType', 'String', { values: ['UserAssigned'] }),
      p('ManagedIdentityClientId', 'String'),
    ],
  },
  {
    name: 'Disconnect-SPOService',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Ends the SharePoint Online connection.',
    parameters: [],
  },
  {
    name: 'Get-SPOCrossTenantHostUrl',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: "Returns this tenant's (geography's) cross-tenant host URL.",
    parameters: [],
  },
  {
    name: 'Set-SPOCrossTenantRelationship',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Sends a trust request to the partner tenant (starts the 7-day dormant period).',
    parameters: relationshipParameters,
  },
  {
    name: 'Verify-SPOCrossTenantRelationship',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis:
      'Verifies the trust with the partner (NotEstablished, NotEstablishedByPartner, DormantByPartner, CouldNotContactPartner, GoodToProceed).',
    parameters: relationshipParameters,
  },
  {
    name: 'Test-SPOCrossTenantRelationship',
    module: spo,
    source: 'LEARN-2026',
    documented: false,
    synopsis: 'Newer name of Verify-SPOCrossTenantRelationship in recent modules (same parameters and results).',
    parameters: relationshipParameters,
  },
  {
    name: 'Remove-SPOCrossTenantRelationship',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    supportsShouldProcess: false,
    synopsis: 'Removes the trust this side set in step 2.',
    parameters: relationshipParameters,
  },
  {
    name: 'Get-SPOCrossTenantRelationship',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Lists configured cross-tenant relationships (output shape unconfirmed).',
    parameters: [],
  },
  {
    name: 'Get-SPOCrossTenantRelationshipByPartner',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'The relationship with one partner.',
    parameters: [hostUrl()],
  },
  {
    name: 'Get-SPOCrossTenantRelationshipByScenario',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Relationships for a scenario and partner role.',
    parameters: [
      p('Scenario', 'OrgRelationScenario', { values: SCENARIO, mandatory: true }),
      p('PartnerRole', 'OrgRelationRole', { values: ROLE, mandatory: true }),
    ],
  },
  {
    name: 'Add-SPOTenantIdentityMap',
    module: spo,
    source: 'CMD-STUB',
    documented: true,
    synopsis: 'Uploads the identity map CSV to this target geography. Replaces the whole map.',
    parameters: [
      p('IdentityMapPath', 'String', {
        mandatory: true,
        position: 0,
        description: 'Full path of the 6-column CSV (no header). Close it in Excel first.',
      }),
    ],
  },
  {
    name: 'Get-SPOTenantIdentityMappingUser',
    module: spo,
    source: 'CMD-STUB',
    documented: true,
    synopsis: 'Looks up one user entry of the uploaded identity map.',
    parameters: [
      p('Field', 'TenantIdentityMappingUserField', {
        values: ['SourceUserKey', 'TargetUserPuid', 'TargetUserUpn', 'TargetUserEmail'],
        mandatory: true,
        position: 0,
      }),
      p('Value', 'String', { mandatory: true, position: 1 }),
    ],
  },
  {
    name: 'Get-SPOTenantIdentityMappingGroup',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Looks up one group entry of the uploaded identity map.',
    parameters: [
      p('Field', 'TenantIdentityMappingGroupField', {
        values: ['SourceGroupObjectId', 'TargetGroupObjectId', 'TargetGroupName'],
        mandatory: true,
        position: 0,
      }),
      p('Value', 'String', { mandatory: true, position: 1 }),
    ],
  },
  {
    name: 'Add-SPOTenantIdentityMappingUser',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Adds a single user entry to the identity map.',
    parameters: [
      p('SourceTenantCompanyId', 'Guid', { mandatory: true }),
      p('SourceUserKey', 'String', { mandatory: true }),
      p('TargetUserPuid', 'String'),
      p('TargetUserUpn', 'String', { mandatory: true }),
      p('TargetUserEmail', 'String', { mandatory: true }),
      p('UserType', 'TenantIdentityMappingUserType', { values: USER_TYPES, mandatory: true }),
    ],
  },
  {
    name: 'Add-SPOTenantIdentityMappingGroup',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Adds a single group entry to the identity map.',
    parameters: [
      p('SourceTenantCompanyId', 'Guid', { mandatory: true }),
      p('SourceGroupObjectId', 'Guid', { mandatory: true }),
      p('TargetGroupObjectId', 'Guid', { mandatory: true }),
      p('TargetGroupName', 'String', { mandatory: true }),
      p('GroupType', 'TenantIdentityMappingGroupType', { values: GROUP_TYPES, mandatory: true }),
    ],
  },
  {
    name: 'Remove-SPOTenantIdentityMappingUser',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Removes a user entry from the identity map.',
    parameters: [
      p('Field', 'TenantIdentityMappingUserField', {
        values: ['SourceUserKey', 'TargetUserPuid', 'TargetUserUpn', 'TargetUserEmail'],
        mandatory: true,
        position: 0,
      }),
      p('Value', 'String', { mandatory: true, position: 1 }),
    ],
  },
  {
    name: 'Remove-SPOTenantIdentityMappingGroup',
    module: spo,
    source: 'CMD-STUB',
    documented: false,
    synopsis: 'Removes a group entry from the identity map.',
    parameters: [
      p('Field', 'TenantIdentityMappingGroupField', {
        values: ['SourceGroupObjectId', 'TargetGroupObjectId', 'TargetGroupName'],
        mandatory: true,
        position: 0,
      }),
      p('Value', 'String', { mandatory: true, position: 1 }),
    ],
  },
  {
    name: 'Get-SPOCrossTenantCompatibilityStatus',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Source only: Compatible, Warning or Incompatible with the target (wait 48 h on Incompatible).',
    parameters: [hostUrl('The TARGET geography host URL.')],
  },
  {
    name: 'Start-SPOCrossTenantUserContentMove',
    module: spo,
    source: 'CMD-STUB',
    documented: true,
    synopsis: "Source only: queues one user's OneDrive move. One call per user.",
    parameters: [
      p('SourceUserPrincipalName', 'String', { mandatory: true, position: 0 }),
      p('TargetUserPrincipalName', 'String', { mandatory: true, position: 1, description: 'Must match the identity map.' }),
      p('TargetCrossTenantHostUrl', 'String', {
        mandatory: true,
        position: 2,
        description: 'The target geography host URL (the -my host).',
      }),
      p('PreferredMoveBeginDate', 'DateTime', { position: 3, description: 'Likely start, UTC, best effort.' }),
      p('PreferredMoveEndDate', 'DateTime', { position: 4, description: 'Likely completion, UTC, best effort.' }),
      p('ValidationOnly', 'SwitchParameter', { description: 'Validate without moving (unconfirmed for cross-tenant).' }),
      p('Force', 'SwitchParameter', { description: 'Undocumented.' }),
    ],
  },
  {
    name: 'Stop-SPOCrossTenantUserContentMove',
    module: spo,
    source: 'CMD-STUB',
    documented: true,
    synopsis: 'Source only: cancels a queued move (not while InProgress, Rescheduled or Success).',
    parameters: [p('SourceUserPrincipalName', 'String', { mandatory: true, position: 0 })],
  },
  {
    name: 'Get-SPOCrossTenantUserContentMoveState',
    module: spo,
    source: 'CMD-STUB',
    documented: true,
    synopsis: 'Move states, from the source (partner = target host) or the target (partner = source host).',
    defaultSet: 'MoveReport',
    parameters: [
      hostUrl(),
      p('SourceUserPrincipalName', 'String', { mandatory: true, sets: MOVE_REPORT_SETS.user }),
      p('SiteMoveId', 'Guid', { mandatory: true, sets: MOVE_REPORT_SETS.id }),
      p('Limit', 'UInt32', { sets: MOVE_REPORT_SETS.report }),
      p('MoveStartTime', 'DateTime', { sets: MOVE_REPORT_SETS.report }),
      p('MoveEndTime', 'DateTime', { sets: MOVE_REPORT_SETS.report }),
      p('MoveState', 'MoveState', { values: MOVE_STATE_FILTER_VALUES, sets: MOVE_REPORT_SETS.report }),
      p('MoveDirection', 'MoveDirection', { values: ['MoveOut', 'MoveIn', 'All'], sets: MOVE_REPORT_SETS.report }),
      p('PartnerRole', 'OrgRelationRole', { values: ROLE }),
    ],
  },
  {
    name: 'Find-SPOCrossTenantLongFilePathsForSiteRename',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Finds file paths over 400 characters after merging with the target URL.',
    parameters: [p('OldSiteUrl', 'String', { mandatory: true }), p('NewSiteUrl', 'String', { mandatory: true })],
  },
  {
    name: 'Get-SPOSite',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Lists or gets sites. -Limit defaults to 200: use -Limit All.',
    parameters: [
      p('Identity', 'SpoSitePipeBind'),
      p('Filter', 'String'),
      p('Limit', 'String'),
      p('Detailed', 'SwitchParameter'),
      p('Template', 'String'),
      p('IncludePersonalSite', 'Boolean'),
      p('GroupIdDefined', 'Boolean'),
      p('ArchiveStatus', 'String'),
    ],
  },
  {
    name: 'Remove-SPOSite',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    supportsShouldProcess: true,
    synopsis: 'Moves a site (e.g. a redirect site) to the recycle bin.',
    parameters: [p('Identity', 'SpoSitePipeBind', { mandatory: true }), p('NoWait', 'SwitchParameter')],
  },
  {
    name: 'Remove-SPODeletedSite',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    supportsShouldProcess: true,
    synopsis: 'Purges a deleted site from the recycle bin.',
    parameters: [p('Identity', 'SpoSitePipeBind', { mandatory: true }), p('NoWait', 'SwitchParameter')],
  },
  {
    name: 'Get-SPOMultiGeoCompanyAllowedDataLocation',
    module: spo,
    source: 'CMD-HEAD',
    documented: true,
    synopsis: 'Lists the Multi-Geo locations of the tenant.',
    parameters: [],
  },

  // Microsoft Graph PowerShell (step 4, target tenant).
  {
    name: 'Connect-MgGraph',
    module: 'Microsoft.Graph.Authentication',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Signs in to Microsoft Graph.',
    parameters: [
      p('Scopes', 'String[]'),
      p('TenantId', 'String'),
      p('NoWelcome', 'SwitchParameter'),
      p('ContextScope', 'ContextScope', { values: ['Process', 'CurrentUser'] }),
    ],
  },
  {
    name: 'Get-MgContext',
    module: 'Microsoft.Graph.Authentication',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'The current Graph sign-in (tenant, account).',
    parameters: [],
  },
  {
    name: 'Get-MgUser',
    module: 'Microsoft.Graph.Users',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Gets a user by ID or UPN.',
    parameters: [
      p('UserId', 'String'),
      p('Filter', 'String'),
      p('Property', 'String[]'),
      p('All', 'SwitchParameter'),
      p('ConsistencyLevel', 'String', { values: ['eventual'] }),
    ],
  },
  {
    name: 'New-MgUser',
    module: 'Microsoft.Graph.Users',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Creates a member user.',
    parameters: [
      p('AccountEnabled', 'SwitchParameter'),
      p('DisplayName', 'String'),
      p('MailNickname', 'String'),
      p('UserPrincipalName', 'String'),
      p('PasswordProfile', 'Hashtable'),
      p('UsageLocation', 'String'),
      p('PreferredDataLocation', 'String'),
      p('Mail', 'String'),
    ],
  },
  {
    name: 'New-MgInvitation',
    module: 'Microsoft.Graph.Identity.SignIns',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Invites a guest (B2B) user.',
    parameters: [
      p('InvitedUserEmailAddress', 'String'),
      p('InviteRedirectUrl', 'String'),
      p('InvitedUserDisplayName', 'String'),
      p('SendInvitationMessage', 'SwitchParameter'),
    ],
  },
  // Microsoft Graph PowerShell (live mode's app registration, either tenant).
  {
    name: 'Get-MgServicePrincipal',
    module: 'Microsoft.Graph.Applications',
    source: 'Graph SDK',
    documented: true,
    synopsis: "Gets service principals, e.g. Microsoft Graph's, whose delegated permissions an app asks for.",
    parameters: [p('ServicePrincipalId', 'String'), p('Filter', 'String'), p('Property', 'String[]')],
  },
  {
    name: 'New-MgApplication',
    module: 'Microsoft.Graph.Applications',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Creates an app registration.',
    parameters: [p('BodyParameter', 'Hashtable'), p('DisplayName', 'String')],
  },
  {
    name: 'Get-MgGroup',
    module: 'Microsoft.Graph.Groups',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Gets a group by object ID.',
    parameters: [p('GroupId', 'String'), p('Filter', 'String'), p('Property', 'String[]')],
  },
  {
    name: 'New-MgGroup',
    module: 'Microsoft.Graph.Groups',
    source: 'Graph SDK',
    documented: true,
    synopsis: 'Creates a security group.',
    parameters: [
      p('DisplayName', 'String'),
      p('MailEnabled', 'SwitchParameter'),
      p('MailNickname', 'String'),
      p('SecurityEnabled', 'SwitchParameter'),
      p('GroupTypes', 'String[]'),
    ],
  },
  {
    name: 'New-MgBetaGroup',
    module: 'Microsoft.Graph.Beta.Groups',
    source: 'LEARN-2026 sp-step4',
    documented: true,
    synopsis: 'Creates a Microsoft 365 group the way cross-tenant migration requires (ProvisionSiteOnDemand).',
    parameters: [
      p('GroupTypes', 'String[]'),
      p('MailNickname', 'String'),
      p('DisplayName', 'String'),
      p('ResourceBehaviorOptions', 'String[]'),
      p('MailEnabled', 'SwitchParameter'),
      p('SecurityEnabled', 'SwitchParameter'),
      p('PreferredDataLocation', 'String'),
    ],
  },
];

/** Built-in PowerShell commands the generators use, with the parameters they use. */
const BUILTINS: Record<string, readonly string[]> = {
  'Set-StrictMode': ['Version'],
  'Write-Host': ['Object', 'ForegroundColor', 'NoNewline'],
  'Write-Warning': ['Message'],
  'Write-Verbose': ['Message'],
  'Write-Progress': ['Activity', 'Status', 'PercentComplete', 'Completed'],
  'Import-Csv': ['LiteralPath', 'Encoding', 'Header'],
  'Join-Path': ['Path', 'ChildPath'],
  'Split-Path': ['LiteralPath', 'Leaf', 'Parent'],
  'Resolve-Path': ['LiteralPath'],
  'Test-Path': ['LiteralPath', 'PathType'],
  'New-Item': ['ItemType', 'Path', 'Force'],
  'Move-Item': ['LiteralPath', 'Destination', 'Force'],
  'Copy-Item': ['LiteralPath', 'Destination', 'Force'],
  'ConvertTo-Json': ['InputObject', 'Depth', 'Compress'],
  'Get-Command': ['Name'],
  'Out-String': ['InputObject'],
  'Get-FileHash': ['LiteralPath', 'Algorithm'],
  'Get-Content': ['LiteralPath', 'Encoding'],
  'Select-Object': ['First', 'Property', 'ExpandProperty'],
  'Where-Object': ['FilterScript'],
  'ForEach-Object': ['Process'],
  'Sort-Object': ['Property', 'Unique'],
  'Get-Random': ['Count', 'InputObject'],
  'New-Object': ['TypeName', 'ArgumentList'],
  'Read-Host': ['Prompt'],
  'Start-Transcript': ['LiteralPath', 'Append'],
  'Stop-Transcript': [],
};

export function builtinParameters(name: string): readonly string[] | undefined {
  const key = Object.keys(BUILTINS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? BUILTINS[key] : undefined;
}

const byName = new Map(CMDLETS.map((c) => [c.name.toLowerCase(), c]));

export function findCmdlet(name: string): CmdletSpec | undefined {
  return byName.get(name.toLowerCase());
}

/** All parameter names a command accepts (its own, common ones, and -WhatIf/-Confirm where supported). */
export function acceptedParameters(name: string): string[] | undefined {
  const cmdlet = findCmdlet(name);
  if (cmdlet) {
    return [
      ...cmdlet.parameters.map((x) => x.name),
      ...COMMON_PARAMETERS,
      ...(cmdlet.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : []),
    ];
  }
  const builtin = builtinParameters(name);
  return builtin ? [...builtin, ...COMMON_PARAMETERS, ...SHOULD_PROCESS_PARAMETERS] : undefined;
}
