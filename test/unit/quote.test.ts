import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { psString, psUnquote } from '../../src/core/powershell/quote';
import { nodesOfType, parsePowerShell, syntaxErrors } from '../support/powershellParser';

/** Strings rich in what breaks PowerShell quoting: the five single quotes, $, backtick, double quotes, newlines. */
const hostile = fc.string({
  unit: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "'",
        '\u2018',
        '\u2019',
        '\u201A',
        '\u201B',
        '$',
        '`',
        '"',
        '\n',
        '\r',
        '\r\n',
        '(',
        ')',
        '{',
        '}',
        '#',
        '@',
        ';',
        '|',
        '&',
        '<#',
        '#>',
        ' ',
        '\t',
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  ),
  maxLength: 40,
});

describe('psString: single-quoted PowerShell literals', () => {
  it('doubles every one of the five single-quote characters', () => {
    assert.equal(psString("it's"), "'it''s'");
    assert.equal(
      psString('it\u2019s \u2018x\u2019 \u201Ay\u201B'),
      "'it\u2019\u2019s \u2018\u2018x\u2019\u2019 \u201A\u201Ay\u201B\u201B'",
    );
    assert.equal(psString('$(Remove-Item C:\\)`n'), "'$(Remove-Item C:\\)`n'");
  });

  it("round-trips through PowerShell's single-quote rule for 5,000 hostile strings", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        assert.equal(psUnquote(psString(value)), value);
      }),
      { numRuns: 5000 },
    );
  });

  it('psUnquote rejects literals that a stray quote would end early (so the round trip above can fail)', () => {
    assert.equal(psUnquote("'it's'"), undefined);
    assert.equal(psUnquote("'a\u2019b'"), undefined);
    assert.equal(psUnquote("'ok'"), 'ok');
  });

  it('parses as exactly one verbatim string in an assignment for 2,000 hostile strings (real grammar)', async () => {
    const samples = fc.sample(hostile, { numRuns: 2000, seed: 42 });
    for (const value of samples) {
      const tree = await parsePowerShell(`$x = ${psString(value)}\n$y = 1\n`);
      assert.deepEqual(syntaxErrors(tree), [], JSON.stringify(value));
      const literals = nodesOfType(tree, 'verbatim_string_characters');
      assert.equal(literals.length, 1, JSON.stringify(value));
      assert.equal(nodesOfType(tree, 'assignment_expression').length, 2, `a value leaked out of its literal: ${JSON.stringify(value)}`);
    }
  });
});
