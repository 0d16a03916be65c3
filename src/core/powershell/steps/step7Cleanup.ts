/**
 * Step 7: remove the trust on both sides for every pair (each side removes what it set, with
 * -PartnerRole naming the PARTNER's role: the published step 7 page gets the target side wrong),
 * inventory redirect sites (OneDrive redirects included), remove chosen redirect sites, and check
 * for redirect conflicts before moving users back.
 */
import { SIDES, type Geography, type Plan, type Side } from '../../plan/planSchema';
import { hostsOfAdminUrl } from '../../tenancy/tenantUrls';
import { oneDriveHostOf } from '../../plan/planQueries';
import type { GeneratedFile, GeneratorInput, StepOutput } from '../generatorTypes';
import { EXIT_WAITING, PENDING_MOVE_STATES } from '../psHelpers';
import { psString, psStringArray } from '../quote';
import { EOL, connectLines, indent } from '../scriptDocument';
import { contextOf, describeGeography, geoSuffix, pairedGeography, scriptFile } from '../stepContext';
import { partnerLoopHeader, verifyTrustLines } from './step3VerifyTrust';

export const REDIRECT_TEMPLATE = 'RedirectSite#0';

export function buildStep7(input: GeneratorInput): StepOutput {
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  const chosen = chosenRedirects(input.plan, out);
  for (const side of SIDES) {
    for (const geo of input.plan[side].geographies) {
      removeTrust(input, side, geo, out);
      listRedirects(input, side, geo, out);
      removeRedirects(input, side, geo, chosen.get(`${side}:${geo.code}`) ?? [], out);
    }
  }
  for (const geo of input.plan.source.geographies) migrateBackCheck(input, geo, out);
  return out;
}

/** Chosen redirect URLs grouped by the side and geography whose hosts serve them. */
function chosenRedirects(plan: Plan, out: StepOutput): Map<string, string[]> {
  const byHost = new Map<string, string>();
  for (const side of SIDES)
    for (const g of plan[side].geographies) for (const h of hostsOfAdminUrl(g.adminUrl)) byHost.set(h, `${side}:${g.code}`);
  const grouped = new Map<string, string[]>();
  for (const url of plan.postMigration?.redirectSitesToRemove ?? []) {
    const origin = /^https:\/\/[^/]+/i.exec(url.trim())?.[0]?.toLowerCase();
    const owner = origin ? byHost.get(origin) : undefined;
    if (!owner) {
      out.warnings.push({
        step: 7,
        action: 'removeRedirectSites',
        message: `Redirect site ${url} does not belong to any geography of the plan; it was left out of the removal scripts.`,
      });
      continue;
    }
    grouped.set(owner, [...(grouped.get(owner) ?? []), url.trim()]);
  }
  return grouped;
}

function removeTrust(input: GeneratorInput, side: Side, geo: Geography, out: StepOutput): void {
  const { plan } = input;
  const paired = pairedGeography(plan, side, geo, { step: 7, action: 'removeTrust' }, out, input.onlyPair);
  if (!paired) return;
  const { partners: known, partnerRole, where } = paired;
  const partnerTenant = plan[side === 'source' ? 'target' : 'source'].name;
  out.files.push(
    scriptFile(
      input,
      {
        step: 7,
        side,
        title: `Step 7 - Remove the trust (${where})`,
        runsOn: where,
        purpose: [
          `Removes the trust with ${partnerTenant} geographies ${known.map((k) => k.geography).join(', ')} (Remove-SPOCrossTenantRelationship -PartnerRole ${partnerRole}),`,
          'after confirmation, then verifies it (expect NotEstablished). It refuses while moves with a partner are still',
          'scheduled or in progress (-Force overrides). Do this on BOTH sides once every move is done,',
          'and before the source licences expire: afterwards the removal no longer works on the source.',
        ],
        needs: ['Every move of these pairs finished (Success) or stopped.', 'SharePoint Administrator on this tenant.'],
        destructive: true,
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(plan, side, geo),
        helpers: ['verify', 'moveReport'],
        parameters: ['[switch]$Force'],
        body: [
          `$PendingStates = ${psStringArray(PENDING_MOVE_STATES)}`,
          ...partnerLoopHeader(geo, where, known),
          ...indent([
            '# Moves still scheduled or running need the trust: removing it would make them fail (-Force skips the check).',
            '$open = @()',
            'if (-not $Force) {',
            ...indent([
              'try {',
              ...indent([
                '$open = @(Get-MoveStateReport -PartnerHostUrl $partner.HostUrl | Where-Object -FilterScript { $PendingStates -contains $_.state })',
              ]),
              '} catch {',
              ...indent([
                "$message = ('Could not read the move states with {0} ({1}): check them, then run again with -Force to remove the trust anyway.' -f $partner.HostUrl, $_.Exception.Message)",
                'Write-Warning -Message $message',
                "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; removedAt = [DateTime]::UtcNow.ToString('o'); ok = $false; error = $message; resultAfter = $null })",
                'continue',
              ]),
              '}',
            ]),
            '}',
            'if ($open.Count -gt 0) {',
            ...indent([
              "$message = ('{0} moves with {1} are still {2}: wait until they finish (or stop them), or run again with -Force.' -f $open.Count, $partner.HostUrl, ((@($open | ForEach-Object -Process { $_.state }) | Sort-Object -Unique) -join '/'))",
              'Write-Warning -Message $message',
              "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; removedAt = [DateTime]::UtcNow.ToString('o'); ok = $false; error = $message; resultAfter = $null })",
              'continue',
            ]),
            '}',
            `if (-not $PSCmdlet.ShouldProcess($partner.HostUrl, ${psString(`Remove the cross-tenant trust (partner role ${partnerRole}) with ${partnerTenant}`)})) { continue }`,
            'try {',
            ...indent([
              `Remove-SPOCrossTenantRelationship -Scenario MnA -PartnerRole ${partnerRole} -PartnerCrossTenantHostUrl $partner.HostUrl`,
              '$state = $null',
              `try { ${verifyTrustLines(partnerRole, '$partner.HostUrl').join('; ')} } catch { $state = 'Unknown' }`,
              "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; removedAt = [DateTime]::UtcNow.ToString('o'); ok = $true; error = $null; resultAfter = $state })",
              "Write-Host ('Trust with {0} removed; verification now says {1}.' -f $partner.HostUrl, $state) -ForegroundColor Green",
            ]),
            '} catch {',
            ...indent([
              "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; removedAt = [DateTime]::UtcNow.ToString('o'); ok = $false; error = $_.Exception.Message; resultAfter = $null })",
              "Write-Warning -Message ('Could not remove the trust with {0}: {1}' -f $partner.HostUrl, $_.Exception.Message)",
            ]),
            '}',
          ]),
          '}',
          "Write-MigrationResult -Kind 'trustRemoval' -Data ([ordered]@{ pairs = $pairs })",
          '$kept = @($pairs | Where-Object -FilterScript { -not $_.ok }).Count',
          `if ($kept -gt 0) { Write-Warning -Message ('{0} trust(s) were not removed: see above, then run this script again.' -f $kept); exit ${EXIT_WAITING} }`,
        ],
      },
      `07-remove-trust${geoSuffix(geo.code)}.ps1`,
      { action: 'removeTrust', geography: geo.code },
    ),
  );
}

/** Lines that fill `$redirects` with this geography's redirect sites, OneDrive ones included when the module allows. */
function redirectInventoryLines(): string[] {
  return [
    '$includesPersonalSites = $true',
    'try {',
    ...indent([`$redirects = @(Get-SPOSite -Template ${psString(REDIRECT_TEMPLATE)} -IncludePersonalSite $true -Limit All)`]),
    '} catch {',
    ...indent([
      "Write-Warning -Message ('Listing with -IncludePersonalSite failed ({0}); listing without OneDrive redirects.' -f $_.Exception.Message)",
      '$includesPersonalSites = $false',
      `$redirects = @(Get-SPOSite -Template ${psString(REDIRECT_TEMPLATE)} -Limit All)`,
    ]),
    '}',
  ];
}

function listRedirects(input: GeneratorInput, side: Side, geo: Geography, out: StepOutput): void {
  const where = describeGeography(input.plan, side, geo);
  out.files.push(
    scriptFile(
      input,
      {
        step: 7,
        side,
        title: `Step 7 - List redirect sites (${where})`,
        runsOn: where,
        purpose: [
          `Lists the redirect sites (template ${REDIRECT_TEMPLATE}) of this geography, OneDrive redirects included. Every completed`,
          'move leaves one at the old URL; they forward old links until removed or until the tenant is deprovisioned.',
        ],
        needs: ['SharePoint Administrator on this tenant.'],
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(input.plan, side, geo),
        body: [
          ...connectLines(geo.adminUrl, where),
          ...redirectInventoryLines(),
          '$sites = New-Object -TypeName System.Collections.Generic.List[object]',
          'foreach ($site in $redirects) { $sites.Add([ordered]@{ url = [string]$site.Url; template = [string]$site.Template; lastModified = [string]$site.LastContentModifiedDate }) }',
          "Write-Host ('{0} redirect sites found.' -f $sites.Count)",
          "Write-MigrationResult -Kind 'redirectSites' -Data ([ordered]@{ includesPersonalSites = $includesPersonalSites; sites = $sites })",
        ],
      },
      `07-list-redirect-sites${geoSuffix(geo.code)}.ps1`,
      { action: 'listRedirectSites', geography: geo.code },
    ),
  );
}

function removeRedirects(input: GeneratorInput, side: Side, geo: Geography, urls: readonly string[], out: StepOutput): void {
  const { plan } = input;
  const where = describeGeography(plan, side, geo);
  const listName = `07-redirect-sites-to-remove${geoSuffix(geo.code)}.txt`;
  const list: GeneratedFile = {
    path: `${side}/${listName}`,
    content:
      [
        `# Redirect sites to remove from ${where}, one URL per line. Lines starting with # are ignored.`,
        '# Removing a redirect breaks old links and bookmarks to that OneDrive or site.',
        ...urls,
      ].join(EOL) + EOL,
    kind: 'data',
    action: 'removeRedirectSites',
    side,
    step: 7,
    title: `Redirect sites chosen for removal (${geo.code})`,
    geography: geo.code,
    bom: true,
  };
  const hosts = hostsOfAdminUrl(geo.adminUrl);
  out.files.push(list);
  out.files.push(
    scriptFile(
      input,
      {
        step: 7,
        side,
        title: `Step 7 - Remove chosen redirect sites (${where})`,
        runsOn: where,
        purpose: [
          `Removes the redirect sites listed in ${listName} (${urls.length} now) with Remove-SPOSite, one confirmation each.`,
          `It refuses URLs outside this geography and sites whose template is not ${REDIRECT_TEMPLATE}. Removed sites go to the`,
          'recycle bin (Remove-SPODeletedSite purges them). Remove redirects only once the whole migration is complete,',
          'or before moving a user back (see 07-check-migrate-back).',
        ],
        needs: ['SharePoint Administrator on this tenant.'],
        destructive: true,
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(plan, side, geo),
        parameters: [`[string]$UrlListPath = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(listName)})`],
        body: [
          `$AllowedHosts = ${psStringArray(hosts)}`,
          "$urls = @(Get-Content -LiteralPath $UrlListPath -Encoding UTF8 | ForEach-Object -Process { $_.Trim() } | Where-Object -FilterScript { $_ -ne '' -and -not $_.StartsWith('#') })",
          "if ($urls.Count -eq 0) { Write-Host ('Nothing to remove: add URLs to {0}.' -f $UrlListPath); return }",
          ...connectLines(geo.adminUrl, where),
          '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
          'foreach ($url in $urls) {',
          ...indent([
            '$origin = ([uri]$url).GetLeftPart([System.UriPartial]::Authority).ToLowerInvariant()',
            'if ($AllowedHosts -notcontains $origin) {',
            ...indent([
              "$entries.Add([ordered]@{ url = $url; at = [DateTime]::UtcNow.ToString('o'); ok = $false; error = 'not a site of this geography' })",
              "Write-Warning -Message ('{0} is not in this geography: skipped.' -f $url)",
              'continue',
            ]),
            '}',
            'try {',
            ...indent([
              '$site = Get-SPOSite -Identity $url',
              `if ([string]$site.Template -ne ${psString(REDIRECT_TEMPLATE)} -and [string]$site.Template -ne ${psString(REDIRECT_TEMPLATE.toUpperCase())}) {`,
              ...indent([
                "$entries.Add([ordered]@{ url = $url; at = [DateTime]::UtcNow.ToString('o'); ok = $false; error = ('template is {0}, not a redirect site' -f $site.Template) })",
                "Write-Warning -Message ('{0} is not a redirect site ({1}): skipped.' -f $url, $site.Template)",
                'continue',
              ]),
              '}',
              "if (-not $PSCmdlet.ShouldProcess($url, 'Remove redirect site (old links to it stop working)')) { continue }",
              'Remove-SPOSite -Identity $url -Confirm:$false',
              "$entries.Add([ordered]@{ url = $url; at = [DateTime]::UtcNow.ToString('o'); ok = $true; error = $null })",
            ]),
            '} catch {',
            ...indent([
              "$entries.Add([ordered]@{ url = $url; at = [DateTime]::UtcNow.ToString('o'); ok = $false; error = $_.Exception.Message })",
            ]),
            '}',
          ]),
          '}',
          "Write-MigrationResult -Kind 'redirectRemoval' -Data ([ordered]@{ entries = $entries })",
        ],
      },
      `07-remove-redirect-sites${geoSuffix(geo.code)}.ps1`,
      { action: 'removeRedirectSites', geography: geo.code },
    ),
  );
}

function migrateBackCheck(input: GeneratorInput, geo: Geography, out: StepOutput): void {
  const { plan } = input;
  const where = describeGeography(plan, 'source', geo);
  const listName = `07-migrate-back-users${geoSuffix(geo.code)}.txt`;
  const users = plan.postMigration?.migrateBackUsers ?? [];
  const myHost = oneDriveHostOf(geo);
  out.files.push({
    path: `source/${listName}`,
    content: ['# Source UPNs of users who will move back to this geography, one per line.', ...users].join(EOL) + EOL,
    kind: 'data',
    action: 'checkMigrateBack',
    side: 'source',
    step: 7,
    title: `Users planned to move back (${geo.code})`,
    geography: geo.code,
    bom: true,
  });
  out.files.push(
    scriptFile(
      input,
      {
        step: 7,
        side: 'source',
        title: `Step 7 - Check redirect conflicts before moving users back (${where})`,
        runsOn: where,
        purpose: [
          'Moving a user back to the original tenant fails while the redirect site of the first move still holds the',
          'original OneDrive URL. For every UPN in the list, this reports the redirect site in the way; add those URLs to',
          `07-redirect-sites-to-remove${geoSuffix(geo.code)}.txt and run the removal script before moving the users back.`,
          'After the move back succeeds, remove the redirect left on the other tenant.',
        ],
        needs: ['SharePoint Administrator on this (original source) tenant.'],
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(plan, 'source', geo),
        helpers: ['personalUrl'],
        parameters: [`[string]$UserListPath = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(listName)})`],
        body: [
          `$MySiteHost = ${psString(myHost)}`,
          "$users = @(Get-Content -LiteralPath $UserListPath -Encoding UTF8 | ForEach-Object -Process { $_.Trim() } | Where-Object -FilterScript { $_ -ne '' -and -not $_.StartsWith('#') })",
          "if ($users.Count -eq 0) { Write-Host ('No users listed in {0}.' -f $UserListPath); return }",
          ...connectLines(geo.adminUrl, where),
          ...redirectInventoryLines(),
          '$redirectUrls = @($redirects | ForEach-Object -Process { ([string]$_.Url).TrimEnd([char]47).ToLowerInvariant() })',
          '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
          'foreach ($upn in $users) {',
          ...indent([
            '$expected = Get-PersonalSiteUrl -HostUrl $MySiteHost -UserPrincipalName $upn',
            "$hit = @($redirectUrls | Where-Object -FilterScript { $_ -eq $expected -or $_ -match ('^' + [regex]::Escape($expected) + '\\d+$') }) | Select-Object -First 1",
            '$conflict = $null -ne $hit',
            "if ($conflict) { Write-Warning -Message ('{0}: redirect site {1} must be removed before the move back.' -f $upn, $hit) } else { Write-Host ('{0}: no redirect conflict.' -f $upn) }",
            '$entries.Add([ordered]@{ source = $upn; redirectUrl = $hit; conflict = $conflict })',
          ]),
          '}',
          "Write-MigrationResult -Kind 'migrateBackCheck' -Data ([ordered]@{ entries = $entries })",
        ],
      },
      `07-check-migrate-back${geoSuffix(geo.code)}.ps1`,
      { action: 'checkMigrateBack', geography: geo.code },
    ),
  );
}
