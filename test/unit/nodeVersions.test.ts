/**
 * The CLI and the extension run on Node 20 and 22 (package.json engines). Their runtime dependencies
 * must not ask for more; development tools may (npm prints EBADENGINE warnings for those, harmlessly).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/fixtures';

type Lock = { packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }> };

/** Whether an engines range such as ">=20", "^20.19.0 || >=22" or ">= 22" allows a Node version (major, minor). */
function allows(range: string, version: [number, number]): boolean {
  return range.split('||').some((part) => {
    const m = /^\s*(>=|\^|~)?\s*v?(\d+)(?:\.(\d+))?/.exec(part);
    if (!m) return true; // "*" or anything we do not model: not a constraint we can check
    const [major, minor] = [Number(m[2]), Number(m[3] ?? 0)];
    if (m[1] === '>=' || m[1] === undefined) return version[0] > major || (version[0] === major && version[1] >= minor);
    return version[0] === major && version[1] >= minor; // ^ and ~ stay within the major
  });
}

describe('Node versions', () => {
  it('the range check can fail', () => {
    assert.equal(allows('>=22', [20, 19]), false);
    assert.equal(allows('^20.19.0 || >=22.13.0', [20, 19]), true);
    assert.equal(allows('>= 22', [22, 0]), true);
  });

  it('package.json declares Node >= 20, and no runtime dependency asks for more (Node 20.19 and 22 both hold)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    assert.equal(pkg.engines.node, '>=20');
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
    const runtime = Object.entries(lock.packages).filter(([name, p]) => name && !p.dev);
    assert.ok(runtime.length >= 4, 'the lock file lists the runtime dependencies');
    const offenders = runtime.filter(([, p]) => {
      const node = Array.isArray(p.engines) ? undefined : p.engines?.node;
      return node !== undefined && !(allows(node, [20, 19]) && allows(node, [22, 0]));
    });
    assert.deepEqual(offenders, []);
  });
});
