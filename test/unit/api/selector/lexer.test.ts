import { describe, expect, it } from "vitest";
import { lex, type TokenType } from "../../../../src/api/selector/lexer.js";

// Cases from Kubernetes' TestLexer / TestLexerSequence (k8s.io/apimachinery/pkg/labels).
describe("lex", () => {
  it.each<[string, TokenType]>([
    ["", "end"],
    [",", ","],
    ["notin", "notin"],
    ["in", "in"],
    ["=", "="],
    ["==", "=="],
    [">", ">"],
    ["<", "<"],
    ["!", "!"],
    ["!=", "!="],
    ["(", "("],
    [")", ")"],
    ["~", "identifier"],
    ["||", "identifier"],
  ])("reads %j as a single %s token", (text, type) => {
    const [first] = lex(text);
    expect(first).toEqual({ type, literal: text, position: 0 });
  });

  it.each<[string, TokenType[]]>([
    ["key in ( value )", ["identifier", "in", "(", "identifier", ")"]],
    ["key notin ( value )", ["identifier", "notin", "(", "identifier", ")"]],
    ["key in ( value1, value2 )", ["identifier", "in", "(", "identifier", ",", "identifier", ")"]],
    ["key", ["identifier"]],
    ["!key", ["!", "identifier"]],
    ["()", ["(", ")"]],
    ["x in (),y", ["identifier", "in", "(", ")", ",", "identifier"]],
    ["== != (), = notin", ["==", "!=", "(", ")", ",", "=", "notin"]],
    ["key>2", ["identifier", ">", "identifier"]],
    ["key<1", ["identifier", "<", "identifier"]],
    ["a=!b", ["identifier", "=", "!", "identifier"]],
    ["a!==b", ["identifier", "!=", "=", "identifier"]],
  ])("splits %j into its tokens", (text, types) => {
    const tokens = lex(text);
    expect(tokens.map((t) => t.type)).toEqual([...types, "end"]);
  });

  it("records where each token starts, skipping spaces, tabs and newlines", () => {
    expect(lex(" a\tin\n(b, c)").map((t) => [t.literal, t.position])).toEqual([
      ["a", 1],
      ["in", 3],
      ["(", 6],
      ["b", 7],
      [",", 8],
      ["c", 10],
      [")", 11],
      ["", 12],
    ]);
  });
});
