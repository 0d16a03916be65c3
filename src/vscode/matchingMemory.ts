/**
 * Remembers, per identity map, which directory exports were matched and which proposals were
 * rejected (workspace state: small, no directory data), so a reload or a reopened editor matches
 * the same exports again and shows the review where it was left.
 */
import * as vscode from 'vscode';
import { isLiveInputs, type CsvMatchInputs, type MatchInputs } from './identityMatching';

interface Remembered {
  inputs: Record<keyof CsvMatchInputs, string | undefined>;
  rejected: string[];
}

const KEY = (map: vscode.Uri) => `matching:${map.toString()}`;

export class MatchingMemory {
  constructor(private readonly state: vscode.Memento | undefined) {}

  /** A review of the signed-in tenants is not remembered: matching them again would sync both directories unasked. */
  async save(map: vscode.Uri, inputs: MatchInputs, rejected: string[]): Promise<void> {
    if (isLiveInputs(inputs)) {
      await this.forget(map);
      return;
    }
    const value: Remembered = {
      inputs: {
        sourceUsers: inputs.sourceUsers.toString(),
        targetUsers: inputs.targetUsers.toString(),
        sourceGroups: inputs.sourceGroups?.toString(),
        targetGroups: inputs.targetGroups?.toString(),
      },
      rejected,
    };
    await this.state?.update(KEY(map), value);
  }

  load(map: vscode.Uri): { inputs: MatchInputs; rejected: string[] } | undefined {
    const value = this.state?.get<Remembered>(KEY(map));
    if (!value?.inputs?.sourceUsers || !value.inputs.targetUsers || !Array.isArray(value.rejected)) return undefined;
    const uri = (s: string | undefined) => (s ? vscode.Uri.parse(s) : undefined);
    const inputs: CsvMatchInputs = { sourceUsers: uri(value.inputs.sourceUsers)!, targetUsers: uri(value.inputs.targetUsers)! };
    const sourceGroups = uri(value.inputs.sourceGroups);
    const targetGroups = uri(value.inputs.targetGroups);
    if (sourceGroups && targetGroups) Object.assign(inputs, { sourceGroups, targetGroups });
    return { inputs, rejected: value.rejected.filter((r): r is string => typeof r === 'string') };
  }

  async forget(map: vscode.Uri): Promise<void> {
    await this.state?.update(KEY(map), undefined);
  }
}
