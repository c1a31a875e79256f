import { describe, expect, it } from "vitest";
import type { PodTemplateSpec } from "../../../../src/api/types/pod.js";
import { computeHash, equalIgnoreHash } from "../../../../src/controllers/deployment/hash.js";

const template: PodTemplateSpec = {
  metadata: { labels: { app: "web", tier: "front" } },
  spec: { containers: [{ name: "app", image: "nginx:1" }] },
};

describe("the pod template hash", () => {
  it("is a short string over Kubernetes' safe alphabet and the same for the same template", () => {
    const hash = computeHash(template);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash(structuredClone(template))).toBe(hash);
  });

  it("does not depend on the order of keys", () => {
    const reordered: PodTemplateSpec = {
      spec: { containers: [{ image: "nginx:1", name: "app" }] },
      metadata: { labels: { tier: "front", app: "web" } },
    };
    expect(computeHash(reordered)).toBe(computeHash(template));
  });

  it("changes with the template and with the collision count", () => {
    const other = structuredClone(template);
    other.spec.containers[0]!.image = "nginx:2";
    const hashes = new Set([
      computeHash(template),
      computeHash(other),
      computeHash(template, 1),
      computeHash(template, 2),
    ]);
    expect(hashes.size).toBe(4);
    expect(computeHash(template, 0)).not.toBe(computeHash(template));
  });

  it("compares templates ignoring only the pod-template-hash label", () => {
    const labelled = structuredClone(template);
    labelled.metadata!.labels!["pod-template-hash"] = "abc";
    expect(equalIgnoreHash(labelled, template)).toBe(true);
    const onlyHash: PodTemplateSpec = { metadata: { labels: { "pod-template-hash": "x" } }, spec: template.spec };
    expect(equalIgnoreHash(onlyHash, { metadata: {}, spec: template.spec })).toBe(true);
    labelled.metadata!.labels!.tier = "back";
    expect(equalIgnoreHash(labelled, template)).toBe(false);
  });
});
