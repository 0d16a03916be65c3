/**
 * Validates a value against the JSON-Schema subset our TypeBox definitions emit (object,
 * properties/required, patternProperties, array/items/minItems, string/minLength/pattern/enum,
 * integer/number with bounds, boolean, const, anyOf). Hand-written rather than a generic
 * validator so every message says what to do, every problem carries its JSON path, and nothing
 * is compiled with eval (safe in any host).
 */
import type { TSchema } from '@sinclair/typebox';
import { isUtcTime } from '../text/utcTime';
import { problem, type JsonPath, type Problem } from './problem';
import { closestMatch } from './closestMatch';

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  patternErrorMessage?: string;
  /** This project's keyword: the string is a real UTC time (see text/utcTime). */
  utcTime?: boolean;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  anyOf?: SchemaNode[];
  description?: string;
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) patternCache.set(pattern, (re = new RegExp(pattern)));
  return re;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const expected: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

export function validateAgainstSchema(schema: TSchema, value: unknown, path: JsonPath = []): Problem[] {
  const problems: Problem[] = [];
  visit(schema as SchemaNode, value, path, problems);
  return problems;
}

function visit(s: SchemaNode, value: unknown, path: JsonPath, out: Problem[]): void {
  if (s.anyOf) {
    for (const option of s.anyOf) {
      const trial: Problem[] = [];
      visit(option, value, path, trial);
      if (trial.length === 0) return;
    }
    // Report against the option of the same JSON type, if any: far clearer than "no union matched".
    const sameType = s.anyOf.find((o) => matchesType(o.type, value));
    if (sameType) visit(sameType, value, path, out);
    else
      out.push(
        problem(
          'error',
          'schema.type',
          path,
          `Expected ${s.anyOf.map((o) => expected[o.type ?? ''] ?? 'a value').join(' or ')}, found ${typeName(value)}.`,
          s.description,
        ),
      );
    return;
  }
  if (s.const !== undefined) {
    if (value !== s.const)
      out.push(
        problem('error', 'schema.const', path, `Expected ${JSON.stringify(s.const)}, found ${JSON.stringify(value)}.`, s.description),
      );
    return;
  }
  if (s.type && !matchesType(s.type, value)) {
    out.push(problem('error', 'schema.type', path, `Expected ${expected[s.type] ?? s.type}, found ${typeName(value)}.`, s.description));
    return;
  }
  switch (s.type) {
    case 'object':
      visitObject(s, value as Record<string, unknown>, path, out);
      return;
    case 'array': {
      const items = value as unknown[];
      if (s.minItems !== undefined && items.length < s.minItems) {
        out.push(
          problem('error', 'schema.minItems', path, `Needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}.`, s.description),
        );
      }
      if (s.items) for (let i = 0; i < items.length; i++) visit(s.items, items[i], [...path, i], out);
      return;
    }
    case 'string': {
      const text = value as string;
      if (s.minLength !== undefined && text.length < s.minLength) {
        out.push(problem('error', 'schema.empty', path, 'Must not be empty.', s.description));
      } else if (s.enum && !s.enum.includes(text)) {
        const suggestion = closestMatch(text, s.enum as string[]);
        out.push(
          problem(
            'error',
            'schema.enum',
            path,
            `'${text}' is not an accepted value.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
            `Accepted values: ${s.enum.join(', ')}.`,
          ),
        );
      } else if (s.pattern && !regex(s.pattern).test(text)) {
        out.push(problem('error', 'schema.pattern', path, `'${text}' has the wrong format.`, s.patternErrorMessage ?? s.description));
      } else if (s.utcTime && !isUtcTime(text)) {
        out.push(
          problem(
            'error',
            'schema.time',
            path,
            `'${text}' is not a real time.`,
            'A month from 01 to 12, a day that exists in that month, hours 00–23, minutes and seconds 00–59, in UTC (Z).',
          ),
        );
      }
      return;
    }
    case 'integer':
    case 'number': {
      const n = value as number;
      if (s.minimum !== undefined && n < s.minimum)
        out.push(problem('error', 'schema.minimum', path, `Must be at least ${s.minimum}.`, s.description));
      if (s.maximum !== undefined && n > s.maximum)
        out.push(problem('error', 'schema.maximum', path, `Must be at most ${s.maximum}.`, s.description));
      return;
    }
    default:
      return;
  }
}

function visitObject(s: SchemaNode, obj: Record<string, unknown>, path: JsonPath, out: Problem[]): void {
  for (const key of s.required ?? []) {
    if (!(key in obj)) {
      const hint = s.properties?.[key]?.description;
      out.push(problem('error', 'schema.required', path, `Missing required property '${key}'.`, hint));
    }
  }
  const known = s.properties ? Object.keys(s.properties) : [];
  const patterns = s.patternProperties ? Object.entries(s.patternProperties) : [];
  for (const key of Object.keys(obj)) {
    const child = s.properties?.[key];
    if (child) {
      visit(child, obj[key], [...path, key], out);
      continue;
    }
    const byPattern = patterns.find(([p]) => regex(p).test(key));
    if (byPattern) {
      visit(byPattern[1], obj[key], [...path, key], out);
      continue;
    }
    if (known.length) {
      // Unknown fields are kept (forward compatibility); only a likely typo is worth a word.
      const suggestion = closestMatch(key, known);
      if (suggestion) {
        out.push(
          problem(
            'warning',
            'schema.unknownProperty',
            [...path, key],
            `Unknown property '${key}'. Did you mean '${suggestion}'?`,
            'Unknown properties are kept but ignored.',
          ),
        );
      }
    }
  }
}

function matchesType(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case undefined:
      return true;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
