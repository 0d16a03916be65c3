/**
 * Step 2: each side sends a trust request to every partner geography it pairs with.
 * -PartnerRole names the PARTNER's role: Target when run on the source, Source on the target.
 */
import type { GeneratorInput, StepOutput } from '../generatorTypes';
import { psString } from '../quote';
import { connectLines, indent } from '../scriptDocument';
import { contextOf, geoSuffix, pairedGeographies, scriptFile } from '../stepContext';

export function buildStep2(input: GeneratorInput): StepOutput {
  const { plan } = input;
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  for (const { side, geo, partners: known, partnerRole, where } of pairedGeographies(input, { step: 2, action: 'requestTrust' }, out)) {
    const lines: string[] = [...connectLines(geo.adminUrl, where), '$pairs = New-Object -TypeName System.Collections.Generic.List[object]'];
    for (const partner of known) {
      lines.push(
        '',
        `# Trust request to ${partnerRole.toLowerCase()} geography ${partner.geography}.`,
        `$partnerHostUrl = ${psString(partner.hostUrl)}`,
        `if ($PSCmdlet.ShouldProcess($partnerHostUrl, ${psString(`Request trust (partner role ${partnerRole})`)})) {`,
        ...indent([
          'try {',
          ...indent([
            `Set-SPOCrossTenantRelationship -Scenario MnA -PartnerRole ${partnerRole} -PartnerCrossTenantHostUrl $partnerHostUrl`,
          ]),
          ...indent([
            `$pairs.Add([ordered]@{ partnerGeography = ${psString(partner.geography)}; partnerHostUrl = $partnerHostUrl; requestedAt = [DateTime]::UtcNow.ToString('o'); ok = $true; error = $null })`,
            "Write-Host ('Trust requested with {0}' -f $partnerHostUrl) -ForegroundColor Green",
          ]),
          '} catch {',
          ...indent([
            `$pairs.Add([ordered]@{ partnerGeography = ${psString(partner.geography)}; partnerHostUrl = $partnerHostUrl; requestedAt = [DateTime]::UtcNow.ToString('o'); ok = $false; error = $_.Exception.Message })`,
            "Write-Warning -Message ('Trust request to {0} failed: {1}' -f $partnerHostUrl, $_.Exception.Message)",
          ]),
          '}',
        ]),
        '}',
      );
    }
    lines.push('', "Write-MigrationResult -Kind 'trustRequest' -Data ([ordered]@{ pairs = $pairs })");
    lines.push("Write-Host 'The trust stays dormant for up to 7 days after both sides have requested it. Verify it with step 3.'");
    out.files.push(
      scriptFile(
        input,
        {
          step: 2,
          side,
          title: `Step 2 - Request trust (${where})`,
          runsOn: where,
          purpose: [
            `Sends a trust request (Set-SPOCrossTenantRelationship -PartnerRole ${partnerRole}) to each ${side === 'source' ? 'target' : 'source'} geography this one pairs with: ${known.map((k) => k.geography).join(', ')}.`,
            'Both sides must request the trust. The partner admins get an e-mail; a 7-day dormant period follows.',
          ],
          needs: [
            "The partner's cross-tenant host URLs (already filled in below from the plan).",
            'SharePoint Administrator on this tenant.',
          ],
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, side, geo),
          body: lines,
          supportsWhatIf: true,
        },
        `02-request-trust${geoSuffix(geo.code)}.ps1`,
        { action: 'requestTrust', geography: geo.code },
      ),
    );
  }
  return out;
}
