import { describe, expect, it } from "vitest";
import { canonicalJson, specHash } from "../../../../src/kubelet/runtime/spec-hash.js";

describe("spec hash", () => {
  it("is 16 hex characters", () => {
    expect(specHash({ name: "web", image: "nginx" })).toMatch(/^[0-9a-f]{16}$/);
  });

  it("does not depend on key order at any depth", () => {
    const a = { name: "web", image: "nginx", resources: { limits: { cpu: "1", memory: "64Mi" } } };
    const b = { resources: { limits: { memory: "64Mi", cpu: "1" } }, image: "nginx", name: "web" };
    expect(specHash(a)).toBe(specHash(b));
  });

  it("changes when any value changes, including array order", () => {
    const base = { image: "nginx:1.7.9", args: ["a", "b"] };
    expect(specHash({ ...base, image: "nginx:1.9.1" })).not.toBe(specHash(base));
    expect(specHash({ ...base, args: ["b", "a"] })).not.toBe(specHash(base));
  });

  it("ignores members that are undefined, as JSON does", () => {
    expect(specHash({ image: "x", workingDir: undefined })).toBe(specHash({ image: "x" }));
  });

  it("is the SHA-256 of the canonical JSON, the same in every process", () => {
    // echo -n '{"image":"nginx:1.7.9","name":"web"}' | sha256sum | cut -c1-16
    expect(specHash({ name: "web", image: "nginx:1.7.9" })).toBe("3c07b3fe811e4c8a");
  });

  it("writes canonical JSON with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
