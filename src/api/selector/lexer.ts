/**
 * The tokenizer of kubectl's label selector syntax, after Kubernetes' `labels.Lexer`: whitespace
 * separates tokens, the special characters `= ! ( ) , > <` form operators (longest match first), and
 * any other run of characters is an identifier, of which `in` and `notin` are keywords.
 */

export type TokenType = "end" | "identifier" | "in" | "notin" | "=" | "==" | "!=" | "!" | ">" | "<" | "(" | ")" | ",";

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
      // The longest prefix of the run of special characters that is an operator, as Kubernetes'
      // lexer reads it: "!=" rather than "!" then "=", but "=!" is "=" then "!".
      let end = pos + 1;
      while (end < text.length && SYMBOLS[text.slice(start, end + 1)]) end++;
      const literal = text.slice(start, end);
      // Every single special character is itself an operator, so the literal always has a type.
      tokens.push({ type: SYMBOLS[literal]!, literal, position: start });
      pos = end;
      continue;
    }
    while (pos < text.length && isIdentifierChar(text[pos] ?? "")) pos++;
    const literal = text.slice(start, pos);
    const type: TokenType = literal === "in" ? "in" : literal === "notin" ? "notin" : "identifier";
    tokens.push({ type, literal, position: start });
  }
}
