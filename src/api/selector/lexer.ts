/**
 * The tokenizer of kubectl's label selector syntax, after Kubernetes' `labels.Lexer`: whitespace
 * separates tokens, the special characters `= ! ( ) , > <` form operators (longest match first), and
 * any other run of characters is an identifier, of which `in` and `notin` are keywords.
 */

export type TokenType =
  | "end"
  | "identifier"
  | "in"
  | "notin"
  | "="
  | "=="
  | "!="
  | "!"
  | ">"
  | "<"
  | "("
  | ")"
  | ","
  | "error";

export interface Token {
  type: TokenType;
  /** The text as written ("" at the end of the string). */
  literal: string;
  /** Offset of the token's first character in the selector string. */
  position: number;
}

const SYMBOLS: Readonly<Record<string, TokenType>> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  "!": "!",
  ">": ">",
  "<": "<",
  "(": "(",
  ")": ")",
  ",": ",",
};

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);

function isIdentifierChar(ch: string): boolean {
  return !SPECIAL.has(ch) && !WHITESPACE.has(ch);
}

/** Splits a selector into tokens, always ending with one `end` token. Never throws. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (true) {
    while (pos < text.length && WHITESPACE.has(text[pos] ?? "")) pos++;
    if (pos >= text.length) {
      tokens.push({ type: "end", literal: "", position: pos });
      return tokens;
    }
    const start = pos;
    const ch = text[pos] ?? "";
    if (SPECIAL.has(ch)) {
      // The longest run of special characters that is still an operator, as Kubernetes' lexer reads.
      let best: TokenType | undefined;
      let bestEnd = pos;
      let end = pos;
      while (end < text.length && SPECIAL.has(text[end] ?? "")) {
        const type = SYMBOLS[text.slice(start, end + 1)];
        end++;
        if (type) {
          best = type;
          bestEnd = end;
        } else if (best) {
          break;
        }
      }
      if (!best) {
        tokens.push({ type: "error", literal: text.slice(start, end), position: start });
        pos = end;
      } else {
        tokens.push({ type: best, literal: text.slice(start, bestEnd), position: start });
        pos = bestEnd;
      }
      continue;
    }
    while (pos < text.length && isIdentifierChar(text[pos] ?? "")) pos++;
    const literal = text.slice(start, pos);
    const type: TokenType = literal === "in" ? "in" : literal === "notin" ? "notin" : "identifier";
    tokens.push({ type, literal, position: start });
  }
}
