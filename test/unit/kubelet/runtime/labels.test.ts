import { describe, expect, it } from "vitest";
import {
  type ContainerIdentity,
  containerLabels,
  identityFromLabels,
  LABELS,
  matchesLabels,
} from "../../../../src/kubelet/runtime/labels.js";

const identity: ContainerIdentity = {
  pod: { uid: "u-1", namespace: "default", name: "web-abcde" },
  container: "nginx",
  node: "node-a",
  specHash: "0123456789abcdef",
  attempt: 2,
};

describe("container labels", () => {
  it("name the pod uid, namespace, pod name, container name, node, spec hash and attempt", () => {
    expect(containerLabels(identity)).toEqual({
      "io.slipway.pod-uid": "u-1",
      "io.slipway.pod-namespace": "default",
      "io.slipway.pod-name": "web-abcde",
      "io.slipway.container-name": "nginx",
      "io.slipway.node": "node-a",
      "io.slipway.spec-hash": "0123456789abcdef",
      "io.slipway.attempt": "2",
    });
  });

  it("keep the pod's own labels but never let them override Slipway's", () => {
    const labels = containerLabels(identity, { app: "web", [LABELS.podUid]: "forged" });
    expect(labels.app).toBe("web");
    expect(labels[LABELS.podUid]).toBe("u-1");
  });

  it("read back into the same identity", () => {
    expect(identityFromLabels(containerLabels(identity, { app: "web" }))).toEqual(identity);
  });

  it("give no identity for a container Slipway did not create", () => {
    expect(identityFromLabels({ "com.docker.compose.project": "x" })).toBeUndefined();
    expect(identityFromLabels({ [LABELS.podUid]: "u-1" })).toBeUndefined();
  });

  it("read a missing or garbled attempt as 0", () => {
    const labels = containerLabels(identity);
    expect(identityFromLabels({ ...labels, [LABELS.attempt]: "-4" })?.attempt).toBe(0);
    const { [LABELS.attempt]: _, ...withoutAttempt } = labels;
    expect(identityFromLabels(withoutAttempt)?.attempt).toBe(0);
  });

  it.each([
    [{ a: "1", b: "2" }, { a: "1" }, true],
    [{ a: "1", b: "2" }, { a: "1", b: "2" }, true],
    [{ a: "1" }, { a: "2" }, false],
    [{ a: "1" }, { b: undefined }, false],
    [{ a: "1", b: "" }, { b: undefined }, true],
    [{ a: "1" }, {}, true],
  ])("match %j against %j: %s", (labels, wanted, expected) => {
    expect(matchesLabels(labels, wanted)).toBe(expected);
  });
});
