import { describe, expect, it } from "vitest";
import { splitYamlDocuments } from "../../../src/source/index.js";

/** `startLine/contentLine` per document; `-` when the document has no content. */
function shape(text: string): string[] {
  return splitYamlDocuments(text).map((c) => `${c.startLine}/${c.contentLine ?? "-"}`);
}

describe("splitYamlDocuments", () => {
  it.each([
    ["one document without markers", "a: 1\nb: 2\n", ["1/1"]],
    ["a leading marker", "---\na: 1\n", ["1/2"]],
    ["two documents", "a: 1\n---\nb: 2\n", ["1/1", "2/3"]],
    ["content on the marker line", "--- {a: 1}\n--- |\n  text\n", ["1/1", "2/2"]],
    ["a comment on the marker line is not content", "--- # note\na: 1\n", ["1/2"]],
    ["an end marker closes the document", "a: 1\n...\nb: 2\n", ["1/1", "3/3"]],
    ["a directive stays with the marker that follows it", "%YAML 1.2\n---\na: 1\n", ["1/3"]],
    ["directives after an end marker start the next document", "a: 1\n...\n%YAML 1.2\n---\nb: 2\n", ["1/1", "3/5"]],
    ["empty documents are kept, without content", "---\n---\n# c\n---\na: 1\n", ["1/-", "2/-", "4/5"]],
    ["indented markers are content", "a: |\n  ---\n  ...\n", ["1/1"]],
    ["markers need a separator after them", "---a: 1\n", ["1/1"]],
    ["CRLF line endings", "a: 1\r\n---\r\nb: 2\r\n", ["1/1", "2/3"]],
    ["a byte-order mark is dropped", "\uFEFF---\na: 1\n", ["1/2"]],
    ["comments before content", "# one\n\n  # two\na: 1\n", ["1/4"]],
    ["no trailing newline", "a: 1\n---\nb: 2", ["1/1", "2/3"]],
  ])("%s", (_name, text, expected) => {
    expect(shape(text)).toEqual(expected);
  });

  it("keeps every byte of the input across the chunks, BOM aside", () => {
    const text = "%YAML 1.2\n---\na: 1\r\n...\n# tail\n--- x\n";
    expect(
      splitYamlDocuments(`\uFEFF${text}`)
        .map((c) => c.text)
        .join(""),
    ).toBe(text);
  });
});
