/**
 * Field selectors (`--field-selector`, `?fieldSelector=`), after Kubernetes' `fields.ParseSelector`:
 * comma-separated `field=value`, `field==value` or `field!=value` terms, ANDed; `\,`, `\=` and `\\`
 * escape those characters in a value. Only the fields Slipway indexes are accepted.
 */
import { SlipwayError } from "../errors.js";
import type { KubeObject } from "../object.js";
import type { FieldSelector } from "./types.js";

/** The fields a selector may name; a missing field reads as "" (so `spec.nodeName=` finds unscheduled pods). */
export const SUPPORTED_FIELDS: readonly string[] = [
  "metadata.name",
  "metadata.namespace",
  "spec.nodeName",
  "status.phase",
];

// Kubernetes tries these in this order at each offset, so `a!=b` is `!=`, never `=` with lhs `a!`.
const TERM_OPERATORS = ["!=", "==", "="] as const;

interface FieldTerm {
  field: string;
  operator: "=" | "==" | "!=";
  value: string;
}

function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

function termString(term: FieldTerm): string {
  return `${term.field}${term.operator}${escapeValue(term.value)}`;
}

function fieldValue(obj: KubeObject, field: string): string {
  let current: unknown = obj;
  for (const part of field.split(".")) {
    if (typeof current !== "object" || current === null) return "";
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "string" ? current : "";
}

/** Splits on commas that are not escaped; escapes stay in place for unescapeValue. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function unescapeValue(value: string, selector: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = value[i + 1];
    if (next !== "\\" && next !== "," && next !== "=") {
      throw badRequest(selector, `invalid escape sequence '\\${next ?? ""}' in value ${JSON.stringify(value)}`);
    }
    out += next;
    i++;
  }
  return out;
}

function badRequest(selector: string, detail: string): SlipwayError {
  return new SlipwayError("BadRequest", `invalid field selector ${JSON.stringify(selector)}: ${detail}`, {
    hint: `field selector syntax: field=value, field==value, field!=value, comma means AND; fields: ${SUPPORTED_FIELDS.join(", ")}`,
  });
}

function parseTerm(term: string, selector: string): FieldTerm {
  for (let i = 0; i < term.length; i++) {
    for (const operator of TERM_OPERATORS) {
      if (!term.startsWith(operator, i)) continue;
      const field = term.slice(0, i).trim();
      if (!SUPPORTED_FIELDS.includes(field)) {
        throw new SlipwayError("BadRequest", `field label not supported: ${field}`, {
          hint: `supported fields: ${SUPPORTED_FIELDS.join(", ")}`,
        });
      }
      return { field, operator, value: unescapeValue(term.slice(i + operator.length).trim(), selector) };
    }
  }
  throw badRequest(selector, `can't understand '${term}'`);
}

class TermsSelector implements FieldSelector {
  private readonly terms: readonly FieldTerm[];

  constructor(terms: FieldTerm[]) {
    this.terms = terms.sort((a, b) => {
      const x = termString(a);
      const y = termString(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  get empty(): boolean {
    return this.terms.length === 0;
  }

  matches(obj: KubeObject): boolean {
    return this.terms.every((t) => (fieldValue(obj, t.field) === t.value) === (t.operator !== "!="));
  }

  toString(): string {
    return this.terms.map(termString).join(",");
  }
}

/**
 * Parses a field selector (`metadata.name=x,spec.nodeName!=n`); supported fields:
 * metadata.name, metadata.namespace, spec.nodeName, status.phase. Empty terms are ignored, so ""
 * selects everything. Throws SlipwayError("BadRequest") naming the unsupported field or bad term.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const terms = splitTerms(text)
    .filter((t) => t.trim() !== "")
    .map((t) => parseTerm(t, text));
  return new TermsSelector(terms);
}
