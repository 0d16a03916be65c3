/** Parses PowerShell with the real grammar (tree-sitter-powershell's wasm through web-tree-sitter). */
import * as path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

let parser: Promise<Parser> | undefined;

function loadParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

export async function parsePowerShell(source: string): Promise<Tree> {
  const tree = (await loadParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function* descendants(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* descendants(child);
}

/** Every ERROR or MISSING node, as "line:column type 'text'". */
export function syntaxErrors(tree: Tree): string[] {
  const out: string[] = [];
  for (const n of descendants(tree.rootNode)) {
    if (n.type === 'ERROR' || n.isMissing)
      out.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.isMissing ? 'MISSING' : 'ERROR'} '${n.text.slice(0, 60)}'`);
  }
  return out;
}

export interface CommandUse {
  /** The command name; `& $verifyTrustCmdlet` is reported as `$verifyTrustCmdlet`. */
  name: string;
  line: number;
  parameters: Array<{ name: string; value?: string }>;
}

export function commandsOf(tree: Tree): CommandUse[] {
  const out: CommandUse[] = [];
  for (const n of descendants(tree.rootNode)) {
    if (n.type !== 'command') continue;
    const nameNode = n.childForFieldName('command_name') ?? n.namedChildren.find((c) => c?.type === 'command_name_expr');
    if (!nameNode) continue;
    const elements = n.namedChildren.find((c) => c?.type === 'command_elements');
    const parameters: CommandUse['parameters'] = [];
    const items = (elements?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'command_argument_sep');
    items.forEach((item, i) => {
      if (item.type !== 'command_parameter') return;
      const next = items[i + 1];
      const param: { name: string; value?: string } = { name: item.text.replace(/^-/, '').replace(/:$/, '') };
      if (next && next.type === 'generic_token') param.value = next.text;
      parameters.push(param);
    });
    out.push({ name: nameNode.text, line: n.startPosition.row + 1, parameters });
  }
  return out;
}

/** Functions the script defines, with their parameter names. */
export function functionsOf(tree: Tree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of descendants(tree.rootNode)) {
    if (n.type !== 'function_statement') continue;
    const name = n.namedChildren.find((c) => c?.type === 'function_name')?.text;
    if (!name) continue;
    const params: string[] = [];
    for (const d of descendants(n)) {
      if (d.type === 'script_parameter') {
        const v = d.namedChildren.find((c) => c?.type === 'variable');
        if (v) params.push(v.text.replace(/^\$/, ''));
      }
    }
    out.set(name.toLowerCase(), params);
  }
  return out;
}

export function nodesOfType(tree: Tree, type: string): Node[] {
  return [...descendants(tree.rootNode)].filter((n) => n.type === type);
}
