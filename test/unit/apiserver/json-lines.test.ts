import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { jsonLines } from "../../../src/apiserver/http-watch.js";

async function collect(chunks: Buffer[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of jsonLines(Readable.from(chunks))) values.push(value);
  return values;
}

describe("jsonLines", () => {
  it("keeps a multi-byte character whole when it straddles two chunks", async () => {
    const bytes = Buffer.from('{"note":"é😀"}\n', "utf8");
    const emoji = bytes.indexOf(Buffer.from("😀", "utf8"));
    // Split in the middle of the 4-byte emoji.
    expect(await collect([bytes.subarray(0, emoji + 2), bytes.subarray(emoji + 2)])).toEqual([{ note: "é😀" }]);
  });

  it("splits values at newlines, wherever the chunks break, and skips blank lines", async () => {
    const text = '{"a":1}\n\n{"b":2}\n{"c":3}';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    }
  });
});
