/**
 * The parser of kubectl's `-l` syntax, after Kubernetes' `labels.Parse`:
 *
 *   selector    := "" | requirement ("," requirement)*
 *   requirement := "!" KEY | KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE? ]
 *   values      := VALUE? ("," VALUE?)*
 *
 * An error names the token it stopped at and that token's offset in the string.
 */
import { SlipwayError } from "../errors.js";
import { labelKeyErrors, labelValueErrors } from "./label-syntax.js";
import { lex, type Token, type TokenType } from "./lexer.js";
import {
  makeRequirement,
  type Operator,
  type Requirement,
  RequirementSelector,
  requirementProblem,
} from "./requirement.js";

const SYNTAX_HINT =
  "label selector syntax: key=value, key==value, key!=value, key in (a,b), key notin (a,b), key, !key, " +
  "key>1, key<1; a comma means AND";

const BINARY_OPERATORS = "'=', '!=', '==', 'in', 'notin', '>', '<'";

const OPERATORS: Partial<Record<TokenType, Operator>> = {
  in: "in",
  notin: "notin",
  "=": "=",
  "==": "==",
  "!=": "!=",
  ">": "gt",
  "<": "lt",
};

/** Thrown inside the parser, turned into a SlipwayError with the whole selector at the top. */
class ParseFailure extends Error {
  readonly position: number;
  /** The long explanation (label syntax rules), printed after the position so the position stays visible. */
  readonly detail: string | undefined;
  constructor(message: string, position: number, detail?: string) {
    super(message);
    this.position = position;
    this.detail = detail;
  }
}

function found(token: Token): string {
  return token.type === "end" ? "found end of string" : `found '${token.literal}'`;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(text: string) {
    this.tokens = lex(text);
  }

  /** In value position the keywords `in` and `notin` are plain identifiers (`notin=in` is valid). */
  private peek(keywords = false): Token {
    const token = this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
    if (!keywords && (token.type === "in" || token.type === "notin")) return { ...token, type: "identifier" };
    return token;
  }

  private next(keywords = false): Token {
    const token = this.peek(keywords);
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === "end") return requirements;
      if (token.type !== "identifier" && token.type !== "!") {
        throw new ParseFailure(`${found(token)}, expected: !, identifier, or end of string`, token.position);
      }
      requirements.push(this.parseRequirement());
      const after = this.next();
      if (after.type === "end") return requirements;
      if (after.type !== ",") throw new ParseFailure(`${found(after)}, expected: ',' or end of string`, after.position);
      const following = this.peek();
      if (following.type !== "identifier" && following.type !== "!") {
        throw new ParseFailure(`${found(following)}, expected: identifier after ','`, following.position);
      }
    }
  }

  private parseRequirement(): Requirement {
    let token = this.next();
    const negated = token.type === "!";
    if (negated) token = this.next();
    if (token.type !== "identifier") {
      throw new ParseFailure(`unable to parse requirement: ${found(token)}, expected: identifier`, token.position);
    }
    const key = token.literal;
    const keyErrors = labelKeyErrors(key);
    if (keyErrors.length > 0) {
      throw new ParseFailure(
        `unable to parse requirement: invalid label key "${key}"`,
        token.position,
        keyErrors.join("; "),
      );
    }
    const lookahead = this.peek().type;
    if (negated) return this.checked(key, "!", [], token);
    if (lookahead === "end" || lookahead === ",") return this.checked(key, "exists", [], token);

    const opToken = this.next(true);
    const operator = OPERATORS[opToken.type];
    if (!operator) {
      throw new ParseFailure(
        `unable to parse requirement: ${found(opToken)}, expected: ${BINARY_OPERATORS}`,
        opToken.position,
      );
    }
    const values = operator === "in" || operator === "notin" ? this.parseValueSet() : this.parseExactValue();
    return this.checked(key, operator, values, token);
  }

  private checked(key: string, operator: Operator, values: string[], keyToken: Token): Requirement {
    const problem = requirementProblem(key, operator, values);
    if (problem) throw new ParseFailure(`unable to parse requirement: ${problem}`, keyToken.position);
    return makeRequirement(key, operator, values);
  }

  /** `( a, b )`; empty entries (`()`, `(a,)`, `(,a)`) stand for the empty value, as in Kubernetes. */
  private parseValueSet(): string[] {
    const open = this.next();
    if (open.type !== "(")
      throw new ParseFailure(`unable to parse requirement: ${found(open)}, expected: '('`, open.position);
    const values: string[] = [];
    let expectValue = true;
    for (;;) {
      const token = this.next();
      if (token.type === ")") {
        if (expectValue) values.push("");
        return values;
      }
      if (token.type === ",") {
        if (expectValue) values.push("");
        expectValue = true;
        continue;
      }
      if (token.type === "identifier" && expectValue) {
        values.push(this.value(token));
        expectValue = false;
        continue;
      }
      const wanted = expectValue ? "',', ')' or identifier" : "',' or ')'";
      throw new ParseFailure(`unable to parse requirement: ${found(token)}, expected: ${wanted}`, token.position);
    }
  }

  /** The one value after `=`, `==`, `!=`, `>`, `<`; nothing before `,` or the end means "". */
  private parseExactValue(): string[] {
    const lookahead = this.peek();
    if (lookahead.type === "end" || lookahead.type === ",") return [""];
    const token = this.next();
    if (token.type !== "identifier") {
      throw new ParseFailure(`unable to parse requirement: ${found(token)}, expected: identifier`, token.position);
    }
    return [this.value(token)];
  }

  private value(token: Token): string {
    const errors = labelValueErrors(token.literal);
    if (errors.length > 0) {
      throw new ParseFailure(
        `unable to parse requirement: invalid label value "${token.literal}"`,
        token.position,
        errors.join("; "),
      );
    }
    return token.literal;
  }
}

/**
 * Parses kubectl's `-l` syntax into a selector whose requirements are sorted by key. The empty
 * string selects everything. Throws SlipwayError("BadRequest") naming the bad token and its offset.
 */
export function parseLabelSelector(text: string): RequirementSelector {
  try {
    return new RequirementSelector(new Parser(text).parse());
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    throw new SlipwayError(
      "BadRequest",
      `invalid label selector ${JSON.stringify(text)}: ${error.message} at position ${error.position}` +
        (error.detail ? `: ${error.detail}` : ""),
      { hint: SYNTAX_HINT },
    );
  }
}
