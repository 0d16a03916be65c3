/**
 * Fake PowerShell modules with the real modules' names, generated from the cmdlet catalogue
 * (the one source of truth for hovers, snippets, static checks and these fakes). Every cmdlet
 * is an advanced function with the catalogue's parameters (types, mandatory flags, positions,
 * parameter sets, accepted values), so PowerShell itself refuses a wrong parameter exactly as it
 * would with the real module; a call that binds is forwarded to the simulator's HTTP face.
 * Pure: returns the files' text; the caller writes them into a folder on PSModulePath.
 */
import { CMDLETS, type CmdletModule, type CmdletSpec, type ParameterSpec } from '../core/powershell/cmdletCatalogue';
import { psString, psStringArray } from '../core/powershell/quote';

export const CLIENT_MODULE = 'OdmSimulator.Client';
/** Where the fake cmdlets send their calls (set by whoever starts the simulator). */
export const SIMULATOR_URL_VARIABLE = 'ODM_SIMULATOR_URL';
/** The simulator's per-run token, which every call carries. */
export const SIMULATOR_TOKEN_VARIABLE = 'ODM_SIMULATOR_TOKEN';

export interface FakeModuleFile {
  /** Relative to the modules folder, forward slashes. */
  path: string;
  content: string;
}

export interface FakeModuleOptions {
  /** Cmdlets the simulated module version lacks (e.g. Test-SPOCrossTenantRelationship in older modules). */
  omit?: readonly string[];
}

const MODULE_VERSIONS: Record<CmdletModule, string> = {
  'Microsoft.Online.SharePoint.PowerShell': '16.0.27313.12000',
  'Microsoft.Graph.Authentication': '2.25.0',
  'Microsoft.Graph.Users': '2.25.0',
  'Microsoft.Graph.Groups': '2.25.0',
  'Microsoft.Graph.Identity.SignIns': '2.25.0',
  'Microsoft.Graph.Beta.Groups': '2.25.0',
  'Microsoft.Graph.Applications': '2.25.0',
};

const TYPES: Record<string, string> = {
  String: 'string',
  'String[]': 'string[]',
  Guid: 'guid',
  DateTime: 'datetime',
  UInt32: 'uint32',
  Boolean: 'bool',
  SwitchParameter: 'switch',
  Hashtable: 'hashtable',
  SecureString: 'securestring',
};

/** Calls whose client side does more than forward the bound parameters. */
const CLIENT_PRELUDES: Record<string, readonly string[]> = {
  // The real cmdlet reads the file itself (and fails on one Excel holds open).
  'Add-SPOTenantIdentityMap': [
    '$resolved = (Resolve-Path -LiteralPath $IdentityMapPath).ProviderPath',
    '$extra = @{ IdentityMapContent = [System.IO.File]::ReadAllText($resolved) }',
  ],
};

export function fakeModuleFiles(options: FakeModuleOptions = {}): FakeModuleFile[] {
  const omit = new Set((options.omit ?? []).map((n) => n.toLowerCase()));
  const byModule = new Map<CmdletModule, CmdletSpec[]>();
  for (const c of CMDLETS) {
    if (omit.has(c.name.toLowerCase())) continue;
    byModule.set(c.module, [...(byModule.get(c.module) ?? []), c]);
  }
  const files: FakeModuleFile[] = [
    { path: `${CLIENT_MODULE}/${CLIENT_MODULE}.psm1`, content: lines(CLIENT_LINES) },
    {
      path: `${CLIENT_MODULE}/${CLIENT_MODULE}.psd1`,
      content: manifest(
        CLIENT_MODULE,
        '1.0.0',
        ['Invoke-OdmSimulatorCmdlet'],
        'Sends fake cmdlet calls to the simulated Microsoft 365 cloud.',
        [],
      ),
    },
  ];
  for (const [module, cmdlets] of byModule) {
    files.push({ path: `${module}/${module}.psm1`, content: lines(cmdlets.flatMap((c) => [...functionLines(c), ''])) });
    files.push({
      path: `${module}/${module}.psd1`,
      content: manifest(
        module,
        MODULE_VERSIONS[module],
        cmdlets.map((c) => c.name),
        `SIMULATED ${module} for tests and rehearsals: every cmdlet forwards to the simulated cloud. Not the real module.`,
        [CLIENT_MODULE],
      ),
    });
  }
  return files;
}

function lines(list: readonly string[]): string {
  return list.join('\r\n') + '\r\n';
}

function manifest(name: string, version: string, functions: readonly string[], description: string, required: readonly string[]): string {
  return lines([
    '@{',
    `    RootModule = ${psString(`${name}.psm1`)}`,
    `    ModuleVersion = ${psString(version)}`,
    `    GUID = ${psString(guidFor(name))}`,
    "    Author = 'OneDrive Cross-Tenant Migration (simulator)'",
    `    Description = ${psString(description)}`,
    "    PowerShellVersion = '5.1'",
    ...(required.length ? [`    RequiredModules = ${psStringArray(required)}`] : []),
    `    FunctionsToExport = ${psStringArray(functions)}`,
    '    CmdletsToExport = @()',
    '    VariablesToExport = @()',
    '    AliasesToExport = @()',
    '}',
  ]);
}

/** A stable GUID per module name (manifests need one). */
function guidFor(name: string): string {
  let h = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of name + round) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function parameterLines(param: ParameterSpec): string[] {
  const attributes = (param.sets?.length ? param.sets : [undefined]).map((set) => {
    const parts = [
      ...(param.mandatory ? ['Mandatory = $true'] : []),
      ...(param.position !== undefined ? [`Position = ${param.position}`] : []),
      ...(set ? [`ParameterSetName = ${psString(set)}`] : []),
    ];
    return `[Parameter(${parts.join(', ')})]`;
  });
  const type = TYPES[param.type] ?? (param.values ? 'string' : 'object');
  return [...attributes, ...(param.values ? [`[ValidateSet(${param.values.map(psString).join(', ')})]`] : []), `[${type}]$${param.name}`];
}

function functionLines(c: CmdletSpec): string[] {
  const binding = [
    ...(c.defaultSet ? [`DefaultParameterSetName = ${psString(c.defaultSet)}`] : []),
    ...(c.supportsShouldProcess ? ['SupportsShouldProcess = $true', "ConfirmImpact = 'High'"] : []),
  ];
  const params = c.parameters.map((p) =>
    parameterLines(p)
      .map((l) => `        ${l}`)
      .join('\r\n'),
  );
  const target = c.parameters.find((p) => p.mandatory)?.name;
  return [
    `# ${c.synopsis.replace(/[\r\n]+/g, ' ')}`,
    `function ${c.name} {`,
    `    [CmdletBinding(${binding.join(', ')})]`,
    params.length ? `    param(\r\n${params.join(',\r\n')}\r\n    )` : '    param()',
    '    $extra = @{}',
    ...(c.supportsShouldProcess
      ? [`    if (-not $PSCmdlet.ShouldProcess(${target ? `[string]$${target}` : psString(c.name)}, ${psString(c.name)})) { return }`]
      : []),
    ...(CLIENT_PRELUDES[c.name] ?? []).map((l) => `    ${l}`),
    `    Invoke-OdmSimulatorCmdlet -Name ${psString(c.name)} -Bound $PSBoundParameters -Extra $extra -Caller $PSCmdlet`,
    '}',
  ];
}

/** The client every fake module uses: one HTTP connection per process, the session (connections) in a global. */
const CLIENT_LINES: readonly string[] = [
  "# Client of the simulated Microsoft 365 cloud (test double). Session state is process-wide, like the real modules' connections.",
  'Set-StrictMode -Version Latest',
  "$script:CommonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction', 'WhatIf', 'Confirm')",
  'if ($null -eq (Get-Variable -Name OdmSimulatorSession -Scope Global -ErrorAction SilentlyContinue)) { $global:OdmSimulatorSession = @{} }',
  'if ($null -eq (Get-Variable -Name OdmSimulatorElapsedMs -Scope Global -ErrorAction SilentlyContinue)) { $global:OdmSimulatorElapsedMs = 0.0 }',
  'function Invoke-OdmSimulatorCmdlet {',
  '    param(',
  '        [Parameter(Mandatory = $true)][string]$Name,',
  '        [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Bound,',
  '        [System.Collections.IDictionary]$Extra = @{},',
  '        [Parameter(Mandatory = $true)]$Caller',
  '    )',
  '    $watch = [System.Diagnostics.Stopwatch]::StartNew()',
  `    $url = [Environment]::GetEnvironmentVariable(${psString(SIMULATOR_URL_VARIABLE)})`,
  `    if ([string]::IsNullOrEmpty($url)) { throw ${psString(`This is the SIMULATED module: set ${SIMULATOR_URL_VARIABLE} to the simulator's address (or install the real module).`)} }`,
  '    $parameters = [ordered]@{}',
  '    $kinds = @{}',
  '    foreach ($key in $Bound.Keys) {',
  '        if ($script:CommonParameters -contains $key) { continue }',
  '        $value = $Bound[$key]',
  '        if ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }',
  "        elseif ($value -is [datetime]) { $kinds[$key] = $value.Kind.ToString(); $value = $value.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }",
  "        elseif ($value -is [securestring]) { $value = '(secure string)' }",
  '        elseif ($value -is [guid]) { $value = $value.ToString() }',
  '        $parameters[$key] = $value',
  '    }',
  '    foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }',
  '    if ($null -eq (Get-Variable -Name OdmSimulatorHttp -Scope Global -ErrorAction SilentlyContinue)) { $global:OdmSimulatorHttp = New-Object -TypeName System.Net.Http.HttpClient }',
  '    $request = [ordered]@{ cmdlet = $Name; parameters = $parameters; dateKinds = $kinds; session = $global:OdmSimulatorSession; pid = $PID; clientElapsedMs = $global:OdmSimulatorElapsedMs }',
  '    $json = ConvertTo-Json -InputObject $request -Depth 8 -Compress',
  "    $content = New-Object -TypeName System.Net.Http.StringContent -ArgumentList $json, ([System.Text.Encoding]::UTF8), 'application/json'",
  `    $content.Headers.Add('x-odm-simulator-token', [string][Environment]::GetEnvironmentVariable(${psString(SIMULATOR_TOKEN_VARIABLE)}))`,
  "    $response = $global:OdmSimulatorHttp.PostAsync(($url.TrimEnd('/') + '/powershell/invoke'), $content).GetAwaiter().GetResult()",
  '    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()',
  '    $reply = ConvertFrom-Json -InputObject $text',
  '    $session = @{}',
  "    if ($null -ne $reply.PSObject.Properties['session'] -and $null -ne $reply.session) { foreach ($p in $reply.session.PSObject.Properties) { $session[$p.Name] = $p.Value } }",
  '    $global:OdmSimulatorSession = $session',
  '    $watch.Stop()',
  '    $global:OdmSimulatorElapsedMs += $watch.Elapsed.TotalMilliseconds',
  "    if ($null -ne $reply.PSObject.Properties['error'] -and $null -ne $reply.error) {",
  '        $exception = New-Object -TypeName System.InvalidOperationException -ArgumentList ([string]$reply.error.message)',
  '        $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList $exception, ([string]$reply.error.code), ([System.Management.Automation.ErrorCategory]::InvalidOperation), $null',
  '        $Caller.ThrowTerminatingError($record)',
  '    }',
  '    foreach ($item in @($reply.output)) { $item }',
  '}',
  "Export-ModuleMember -Function 'Invoke-OdmSimulatorCmdlet'",
];
