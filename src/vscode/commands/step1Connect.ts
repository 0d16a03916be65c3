/**
 * "1. Connect to Tenants…": creates the plan (tenants, URLs, geographies) when there is none,
 * edits a tenant, generates the step 1 scripts, or takes pasted Get-SPOCrossTenantHostUrl output.
 */
import * as vscode from 'vscode';
import { newPlan, tenantFromAnswer, type GeographyAnswer, type TenantAnswer } from '../../core/plan/planBuilder';
import { PLAN_FILE_NAME, type Side, type Tenant } from '../../core/plan/planSchema';
import { planToText } from '../../core/plan/planText';
import { MULTI_GEO_LOCATIONS, SINGLE_GEO_CODE } from '../../core/tenancy/geographies';
import { deriveTenantUrls, normalizeAdminUrl } from '../../core/tenancy/tenantUrls';
import { writeTextAtomic } from '../atomicWrite';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';
import { pasteCmdletOutput } from './pasteCmdletOutput';
import { required } from './registerCommand';
import { GUID } from '../../core/text/guid';

export async function step1Connect(ctx: CommandContext): Promise<void> {
  await ctx.store.initialize();
  if (!ctx.store.snapshot) {
    await createPlan(ctx);
    return;
  }
  const snapshot = await validSnapshot(ctx);
  const items = [
    {
      id: 'scripts',
      label: `$(file-code) ${vscode.l10n.t('Generate the step 1 scripts')}`,
      detail: vscode.l10n.t('Connect to each geography and record its cross-tenant host URL (both sides).'),
    },
    {
      id: 'source',
      label: `$(edit) ${vscode.l10n.t('Edit the source tenant…')}`,
      detail: `${snapshot.plan.source.name}: ${snapshot.plan.source.geographies.map((g) => g.code).join(', ')}`,
    },
    {
      id: 'target',
      label: `$(edit) ${vscode.l10n.t('Edit the target tenant…')}`,
      detail: `${snapshot.plan.target.name}: ${snapshot.plan.target.geographies.map((g) => g.code).join(', ')}`,
    },
    {
      id: 'paste',
      label: `$(clippy) ${vscode.l10n.t('Paste Get-SPOCrossTenantHostUrl output…')}`,
      detail: vscode.l10n.t('Uses the selection, or the clipboard.'),
    },
  ];
  const choice = required(await vscode.window.showQuickPick(items, { title: vscode.l10n.t('1. Connect to Tenants') })).id;
  if (choice === 'paste') return pasteCmdletOutput(ctx, 'hostUrl');
  if (choice === 'source' || choice === 'target') {
    const tenant = await askTenant(choice, snapshot.plan[choice]);
    await ctx.store.update(`${choice} tenant edited`, (plan) => ({ ...plan, [choice]: tenant }));
    void vscode.window.showInformationMessage(vscode.l10n.t('The {0} tenant was updated in the plan.', choice));
    return;
  }
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [1] }), vscode.l10n.t('Step 1'));
}

async function createPlan(ctx: CommandContext): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length === 1
      ? folders[0]!.uri
      : folders.length > 1
        ? required(await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should the plan go?') }))?.uri
        : required(
            await vscode.window.showOpenDialog({
              canSelectFolders: true,
              canSelectFiles: false,
              openLabel: vscode.l10n.t('Create the Plan Here'),
            }),
          )[0]!;
  const source = await askTenant('source');
  const target = await askTenant('target');
  const config = vscode.workspace.getConfiguration('onedriveMigration', folder);
  const plan = newPlan(source, target, {
    scriptsFolder: config.get<string>('defaultScriptsFolder', 'scripts'),
    resultsFolder: config.get<string>('defaultResultsFolder', 'results'),
    queueLimit: config.get<number>('batchLimit', 4000),
  });
  const uri = vscode.Uri.joinPath(folder, PLAN_FILE_NAME);
  await writeTextAtomic(uri, planToText(plan));
  await vscode.window.showTextDocument(uri);
  if (!folders.length) {
    await vscode.commands.executeCommand('vscode.openFolder', folder);
    return;
  }
  await ctx.store.reload();
  const snapshot = ctx.store.snapshot;
  if (snapshot?.state === 'valid')
    await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [1] }), vscode.l10n.t('Step 1'));
}

/** Guided questions for one tenant; inline validation says what is wrong and what will be used. */
export async function askTenant(side: Side, previous?: Tenant): Promise<Tenant> {
  const who =
    side === 'source' ? vscode.l10n.t('Source tenant (where the OneDrives are now)') : vscode.l10n.t('Target tenant (where they move to)');
  const reference = required(
    await vscode.window.showInputBox({
      title: who,
      prompt: vscode.l10n.t('Tenant name, name.onmicrosoft.com, or the SharePoint admin URL of its central geography'),
      placeHolder: side === 'source' ? 'contoso' : 'fabrikam',
      value: previous?.name ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const r = deriveTenantUrls(value);
        if (!r.ok) return { message: r.hint ? `${r.error} ${r.hint}` : r.error, severity: vscode.InputBoxValidationSeverity.Error };
        return { message: vscode.l10n.t('Admin URL {0}', r.value.adminUrl), severity: vscode.InputBoxValidationSeverity.Info };
      },
    }),
  );
  const tenantId = required(
    await vscode.window.showInputBox({
      title: who,
      prompt: vscode.l10n.t('Tenant ID (Entra admin center > Overview). Optional now; the identity map needs the source tenant ID.'),
      placeHolder: '11111111-2222-3333-4444-555555555555',
      value: previous?.tenantId ?? '',
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === '' || GUID.test(value.trim())
          ? undefined
          : vscode.l10n.t('A tenant ID is a GUID, e.g. 11111111-2222-3333-4444-555555555555.'),
    }),
  ).trim();
  const multiGeo = required(
    await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Single geography'), multi: false, picked: (previous?.geographies.length ?? 1) === 1 },
        {
          label: vscode.l10n.t('Multi-Geo'),
          detail: vscode.l10n.t('Several geographies; each is treated as a separate tenant.'),
          multi: true,
        },
      ],
      { title: who, placeHolder: vscode.l10n.t('Is this tenant Multi-Geo?') },
    ),
  ).multi;
  const answer: TenantAnswer = { reference, geographies: [] };
  if (tenantId) answer.tenantId = tenantId;
  if (previous?.displayName) answer.displayName = previous.displayName;
  if (multiGeo) answer.geographies = await askGeographies(who, reference, previous);
  return tenantFromAnswer(answer, previous);
}

async function askGeographies(who: string, reference: string, previous?: Tenant): Promise<GeographyAnswer[]> {
  const had = new Set(previous?.geographies.map((g) => g.code));
  const codes = required(
    await vscode.window.showQuickPick(
      Object.entries(MULTI_GEO_LOCATIONS).map(([code, name]) => ({ label: code, description: name, picked: had.has(code) })),
      { title: who, canPickMany: true, placeHolder: vscode.l10n.t('Geographies taking part in the migration') },
    ),
  ).map((i) => i.label);
  if (codes.length === 0) throw new Error(vscode.l10n.t('Pick at least one geography.'));
  const defaultCode = required(
    await vscode.window.showQuickPick(
      codes.map((code) => ({ label: code, picked: previous?.geographies.find((g) => g.default)?.code === code })),
      { title: who, placeHolder: vscode.l10n.t('Which one is the central (default) geography?') },
    ),
  ).label;
  const central = deriveTenantUrls(reference);
  const answers: GeographyAnswer[] = [];
  for (const code of codes) {
    if (code === defaultCode && central.ok) {
      answers.push({ code, adminUrl: central.value.adminUrl, isDefault: true });
      continue;
    }
    const adminUrl = required(
      await vscode.window.showInputBox({
        title: `${who}: ${code}`,
        prompt: vscode.l10n.t(
          'Admin URL of the {0} geography. Its prefix was chosen by your admin; it is not derived from the code.',
          code,
        ),
        placeHolder: 'https://contosoeur-admin.sharepoint.com',
        value: previous?.geographies.find((g) => g.code === code)?.adminUrl ?? '',
        ignoreFocusOut: true,
        validateInput: (value) => {
          const r = normalizeAdminUrl(value);
          return r.ok ? undefined : r.hint ? `${r.error} ${r.hint}` : r.error;
        },
      }),
    );
    answers.push({ code, adminUrl: (normalizeAdminUrl(adminUrl) as { value: string }).value, isDefault: code === defaultCode });
  }
  return answers.length ? answers : [{ code: SINGLE_GEO_CODE, adminUrl: central.ok ? central.value.adminUrl : '', isDefault: true }];
}
