import { describe, expect, it } from "vitest";
import type { PullPolicy } from "../../../../src/kubelet/runtime/container-runtime.js";
import { decidePull, defaultPullPolicy, neverPullMessage } from "../../../../src/kubelet/runtime/pull-policy.js";

describe("pull policy", () => {
  it.each<[PullPolicy, boolean, ReturnType<typeof decidePull>]>([
    ["Always", true, "pull"],
    ["Always", false, "pull"],
    ["IfNotPresent", true, "use-present"],
    ["IfNotPresent", false, "pull"],
    ["Never", true, "use-present"],
    ["Never", false, "fail-never-pull"],
  ])("%s with the image present=%s decides %s", (policy, present, expected) => {
    expect(decidePull(policy, present)).toBe(expected);
  });

  it("words a missing image under Never as Kubernetes does", () => {
    expect(neverPullMessage("redis:7")).toBe('Container image "redis:7" is not present with pull policy of Never');
  });

  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["localhost:5000/nginx", "Always"],
    ["nginx:1.7.9", "IfNotPresent"],
    ["localhost:5000/nginx:1.7.9", "IfNotPresent"],
    ["nginx@sha256:0123", "IfNotPresent"],
  ])("defaults %s to %s", (image, expected) => {
    expect(defaultPullPolicy(image)).toBe(expected);
  });
});
