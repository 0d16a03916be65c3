import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChecklistMessage } from '../../webview/protocol';

describe('checklist webview messages are untrusted input', () => {
  it('accepts the three message shapes', () => {
    assert.deepEqual(parseChecklistMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseChecklistMessage({ type: 'tick', id: 'pre.holds', done: true }), { type: 'tick', id: 'pre.holds', done: true });
    assert.deepEqual(parseChecklistMessage({ type: 'tick', id: 's6.Wave 1 - NAM pilot', done: false }), {
      type: 'tick',
      id: 's6.Wave 1 - NAM pilot',
      done: false,
    });
    assert.deepEqual(parseChecklistMessage({ type: 'run', command: 'onedriveMigration.step3VerifyTrust' }), {
      type: 'run',
      command: 'onedriveMigration.step3VerifyTrust',
    });
  });

  it('rejects anything else: unknown types, extra fields, wrong types, commands outside the allow-list', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'ready', extra: 1 },
      { type: 'tick', id: 'pre.holds', done: 'yes' },
      { type: 'tick', id: 'x'.repeat(201), done: true },
      { type: 'tick', id: '<script>', done: true },
      { type: 'tick', id: 'pre.holds', done: true, plan: {} },
      { type: 'run', command: 'workbench.action.terminal.sendSequence' },
      { type: 'run', command: 'onedriveMigration.script.runInTerminal' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(parseChecklistMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
