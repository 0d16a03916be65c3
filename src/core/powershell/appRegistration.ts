/**
 * The script that creates live mode's app registration in one organisation's tenant (each
 * organisation registers its own: nobody signs in to the other's app). A public client (no secret)
 * with the loopback redirect msal-node uses and the delegated permissions live mode asks for, each
 * with why. Permission IDs are looked up by name in the tenant at run time (no GUID copied from
 * anywhere). Not a migration step: it is generated on request, not with the others.
 */
import type { Plan, Side } from '../plan/planSchema';
import { psString, psStringArray } from './quote';
import { indent, renderScript } from './scriptDocument';
import type { GeneratedFile } from './generatorTypes';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

/** Delegated permissions, and why live mode needs each (the README lists the same). */
export const LIVE_PERMISSIONS: ReadonlyArray<{ resource: 'graph' | 'sharepoint'; name: string; why: string }> = [
  { resource: 'graph', name: 'User.Read', why: 'Sign in, and read the tenant ID, name and verified domains (GET /organization).' },
  {
    resource: 'graph',
    name: 'User.Read.All',
    why: 'Read every user with employeeId, onPremisesImmutableId, proxyAddresses and userType, for matching.',
  },
  { resource: 'graph', name: 'Group.Read.All', why: 'Read the groups (groupTypes, mailNickname), for the group rows of the identity map.' },
  {
    resource: 'graph',
    name: 'Sites.Read.All',
    why: "Read each geography's root site (its data location code), to fill the plan's geographies.",
  },
  {
    resource: 'graph',
    name: 'offline_access',
    why: 'Keep the sign-in between sessions (a refresh token, kept in VS Code secret storage).',
  },
  {
    resource: 'sharepoint',
    name: 'AllSites.FullControl',
    why: "Call the SharePoint admin endpoint (the tenant's site list: redirect sites, existing OneDrives); the signed-in account must also be a SharePoint Administrator.",
  },
];

export function appRegistrationScript(plan: Plan, side: Side, provenance: string): GeneratedFile {
  const tenant = plan[side];
  const name = `OneDrive Cross-Tenant Migration (${tenant.name}, live mode)`;
  const scopes = (resource: 'graph' | 'sharepoint') =>
    psStringArray(LIVE_PERMISSIONS.filter((p) => p.resource === resource).map((p) => p.name));
  const content = renderScript(
    {
      step: 0,
      stepLabel: 'Live mode setup, not a migration step',
      side,
      title: `Live mode - create the app registration in ${tenant.name}`,
      runsOn: `tenant ${tenant.name}${tenant.tenantId ? ` (${tenant.tenantId})` : ''}, through Microsoft Graph`,
      purpose: [
        `Creates the app registration "${name}" that live mode signs in with: a public client (no secret),`,
        'redirect URI http://localhost (the loopback the sign-in comes back to; device code needs none), single tenant.',
        'Delegated permissions (live mode acts as the signed-in admin, never on its own):',
        ...LIVE_PERMISSIONS.map((p) => `  ${p.resource === 'graph' ? 'Microsoft Graph' : 'SharePoint'} ${p.name}: ${p.why}`),
        'Prints the client ID: set it in VS Code as onedriveMigration.live.' + side + 'ClientId. An administrator then grants consent',
        'once (Entra admin center > App registrations > the app > API permissions > Grant admin consent).',
      ],
      needs: [
        'Microsoft Graph PowerShell (Microsoft.Graph.Applications); an account that may create app registrations (Application Administrator).',
      ],
      modules: ['Microsoft.Graph.Applications'],
      supportsWhatIf: true,
      parameters: [`[string]$DisplayName = ${psString(name)}`],
      body: [
        `Connect-MgGraph -Scopes 'Application.ReadWrite.All'${tenant.tenantId ? ` -TenantId ${psString(tenant.tenantId)}` : ''} -NoWelcome`,
        '',
        '# The permission IDs, looked up by name in this tenant.',
        'function Get-DelegatedScope {',
        ...indent([
          'param([Parameter(Mandatory = $true)][string]$ResourceAppId, [Parameter(Mandatory = $true)][string[]]$Names)',
          "$principal = Get-MgServicePrincipal -Filter ('appId eq ''{0}''' -f $ResourceAppId)",
          "if ($null -eq $principal) { throw ('The service principal {0} is not in this tenant.' -f $ResourceAppId) }",
          'foreach ($name in $Names) {',
          ...indent([
            '$scope = @($principal.Oauth2PermissionScopes | Where-Object -FilterScript { $_.Value -eq $name })',
            "if ($scope.Count -eq 0) { throw ('{0} has no delegated permission {1}.' -f $principal.DisplayName, $name) }",
            "@{ id = $scope[0].Id; type = 'Scope' }",
          ]),
          '}',
        ]),
        '}',
        `$graphAccess = @(Get-DelegatedScope -ResourceAppId ${psString(GRAPH_APP_ID)} -Names ${scopes('graph')})`,
        `$sharePointAccess = @(Get-DelegatedScope -ResourceAppId ${psString(SHAREPOINT_APP_ID)} -Names ${scopes('sharepoint')})`,
        '$body = @{',
        ...indent([
          'displayName = $DisplayName',
          "signInAudience = 'AzureADMyOrg'",
          'isFallbackPublicClient = $true',
          "publicClient = @{ redirectUris = @('http://localhost') }",
          'requiredResourceAccess = @(',
          ...indent([
            `@{ resourceAppId = ${psString(GRAPH_APP_ID)}; resourceAccess = $graphAccess },`,
            `@{ resourceAppId = ${psString(SHAREPOINT_APP_ID)}; resourceAccess = $sharePointAccess }`,
          ]),
          ')',
        ]),
        '}',
        "if (-not $PSCmdlet.ShouldProcess($DisplayName, 'Create the app registration')) { return }",
        '$app = New-MgApplication -BodyParameter $body',
        "Write-Host ('Created {0}. Client ID: {1}' -f $app.DisplayName, $app.AppId) -ForegroundColor Green",
        `Write-Host ('Set it in VS Code: onedriveMigration.live.${side}ClientId = {0}. Then grant admin consent for its API permissions once.' -f $app.AppId)`,
      ],
    },
    provenance,
  );
  return {
    path: `${side}/00-create-live-app-registration.ps1`,
    content,
    kind: 'script',
    side,
    step: 0,
    title: `Live mode: create the app registration in ${tenant.name}`,
    bom: true,
    action: 'createLiveAppRegistration',
  };
}
