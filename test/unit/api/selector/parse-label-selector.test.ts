import { describe, expect, it } from "vitest";
import { isSlipwayError, type SlipwayError } from "../../../../src/api/errors.js";
import { parseLabelSelector } from "../../../../src/api/selector/index.js";

function parseError(text: string): SlipwayError {
  try {
    parseLabelSelector(text);
  } catch (error) {
    if (isSlipwayError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("parseLabelSelector", () => {
  // Kubernetes' TestSelectorParse: good strings print back as themselves without spaces.
  it.each(["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"])(
    "accepts %j and prints it back without spaces",
    (text) => {
      expect(parseLabelSelector(text).toString()).toBe(text.replaceAll(" ", ""));
    },
  );

  // Kubernetes' TestSetSelectorParser: valid inputs and their canonical (key-sorted) form.
  it.each([
    ["", ""],
    ["\rx", "x"],
    ["this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"],
    [
      "this-is-another-dns.domain.com/key-with-dash in (so,what)",
      "this-is-another-dns.domain.com/key-with-dash in (so,what)",
    ],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"],
    ["foo  in\t (abc)", "foo in (abc)"],
    ["x notin\n (abc)", "x notin (abc)"],
    ["x  notin\t\t\t(abc,def)", "x notin (abc,def)"],
    ["x in (abc,def)", "x in (abc,def)"],
    ["x in (abc,)", "x in (,abc)"],
    ["x in ()", "x in ()"],
    ["x notin (abc,def),bar,z in (),w", "bar,w,x notin (abc,def),z in ()"],
    ["x,y in (a)", "x,y in (a)"],
    ["x=a", "x=a"],
    ["x==a", "x==a"],
    ["x>1", "x>1"],
    ["x<7", "x<7"],
    ["x=a,y!=b", "x=a,y!=b"],
    ["x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"],
    ["x notin ( )", "x notin ()"],
    ["x notin (, a)", "x notin (,a)"],
    ["a ", "a"],
    ["a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"],
    ["notin=in", "notin=in"],
    ["z in (b,a,b)", "z in (a,b)"],
    ["b=1, a!=2 ,!c", "a!=2,b=1,!c"],
  ])("parses %j into the canonical %j", (text, canonical) => {
    expect(parseLabelSelector(text).toString()).toBe(canonical);
  });

  it.each(["x notin (abc,def),bar,z in (),w", "a in (x,y,notin, z,in)", "x in (abc,)", "!a,b!=c,d==e,f>1,g<2"])(
    "reads its own canonical form of %j back unchanged",
    (text) => {
      const canonical = parseLabelSelector(text).toString();
      expect(parseLabelSelector(canonical).toString()).toBe(canonical);
    },
  );

  it("sorts requirements by key, so the order of terms does not matter", () => {
    expect(parseLabelSelector("x=a,a=x").toString()).toBe(parseLabelSelector("a=x,x=a").toString());
  });

  it("keeps requirements on the same key in their written order", () => {
    expect(parseLabelSelector("z!=a,z").toString()).toBe("z!=a,z");
    expect(parseLabelSelector("z,z!=a").toString()).toBe("z,z!=a");
  });

  it("reports an empty selector as empty and a non-empty one as not", () => {
    expect(parseLabelSelector(" ").empty).toBe(true);
    expect(parseLabelSelector("a").empty).toBe(false);
  });

  // Kubernetes' bad strings, with the token each error must point at.
  it.each([
    ["x=a||y=b", "a||y", 2],
    ["x==a==b", "==", 4],
    ["!x=a", "=", 2],
    ["x<a", "must be an integer", 0],
    ["x,,y", "','", 2],
    [",x,y", "','", 0],
    ["x nott in (y)", "'nott'", 2],
    ["a in (xyz),", "end of string", 11],
    ["a in (xyz)b notin ()", "'b'", 10],
    ["a in (xyz abc)", "'abc'", 10],
    ["a notin(", "end of string", 8],
    ["a (", "'('", 2],
    ["(", "'('", 0],
    ["x in", "end of string", 4],
    ["x in a", "'a'", 5],
    ["x = (a)", "'('", 4],
    ["x=a b", "'b'", 4],
    ["a b in", "'b'", 2],
    ["-bad-key=v", "invalid label key", 0],
    ["a/b/c", "invalid label key", 0],
    ["Example.com/x", "invalid label key", 0],
    [`${"k".repeat(64)}=v`, "no more than 63 characters", 0],
    [`a=${"v".repeat(64)}`, "no more than 63 characters", 2],
    ["a in (ok,-bad)", '"-bad"', 9],
    ["!", "end of string", 1],
    ["x=a,", "end of string", 4],
  ])("refuses %j, naming %j at position %i", (text, token, position) => {
    const error = parseError(text);
    expect(error.code).toBe("BadRequest");
    expect(error.message).toContain(token);
    expect(error.message).toContain(`at position ${position}`);
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.hint).toMatch(/key in \(a,b\)/);
  });

  it("words an unknown operator like Kubernetes", () => {
    expect(parseError("x nott in (y)").message).toBe(
      `invalid label selector "x nott in (y)": unable to parse requirement: found 'nott', expected: '=', '!=', '==', 'in', 'notin', '>', '<' at position 2`,
    );
  });

  it("refuses a key longer than Kubernetes' 253-character prefix limit allows", () => {
    expect(parseError(`${"a".repeat(254)}`).message).toContain("name part must be no more than 63 characters");
    expect(parseError(`${"a".repeat(254)}/x`).message).toContain("prefix part must be no more than 253 characters");
  });
});

// Kubernetes' TestSelectorMatches.
describe("label selector matching", () => {
  const fooBaz = { foo: "bar", baz: "blah" };
  it.each<[string, Record<string, string> | undefined, boolean]>([
    ["", { x: "y" }, true],
    ["", undefined, true],
    ["x=y", { x: "y" }, true],
    ["x=y,z=w", { x: "y", z: "w" }, true],
    ["x!=y,z!=w", { x: "z", z: "a" }, true],
    ["notin=in", { notin: "in" }, true],
    ["x", { x: "z" }, true],
    ["!x", { y: "z" }, true],
    ["x>1", { x: "2" }, true],
    ["x<1", { x: "0" }, true],
    ["x=z", {}, false],
    ["x=z", undefined, false],
    ["x=y", { x: "z" }, false],
    ["x=y,z=w", { x: "w", z: "w" }, false],
    ["x!=y,z!=w", { x: "z", z: "w" }, false],
    ["x", { y: "z" }, false],
    ["!x", { x: "z" }, false],
    ["x>1", { x: "0" }, false],
    ["x<1", { x: "2" }, false],
    ["x>1", { x: "v2" }, false],
    ["x>1", {}, false],
    ["x!=y", {}, true],
    ["x notin (a,b)", {}, true],
    ["x notin (a,b)", { x: "a" }, false],
    ["x in (a,b)", { x: "b" }, true],
    ["x in (a,b)", { x: "c" }, false],
    ["x in ()", { x: "" }, true],
    ["x in ()", { y: "baz" }, false],
    ["x notin (),y", { y: "" }, true],
    ["!x,y", { y: "" }, true],
    ["x notin (),!y", { y: "" }, false],
    ["x=", { x: "" }, true],
    ["toString=x", {}, false],
    ["foo=bar", fooBaz, true],
    ["baz=blah", fooBaz, true],
    ["foo=bar,baz=blah", fooBaz, true],
    ["foo=blah", fooBaz, false],
    ["baz=bar", fooBaz, false],
    ["foo=bar,foobar=bar,baz=blah", fooBaz, false],
  ])("%j matching %j is %s", (text, labels, expected) => {
    expect(parseLabelSelector(text).matches(labels)).toBe(expected);
  });
});
