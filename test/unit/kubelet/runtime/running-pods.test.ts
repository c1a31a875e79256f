import { describe, expect, it } from "vitest";
import type { ContainerSummary, PodRef } from "../../../../src/kubelet/runtime/container-runtime.js";
import { containerLabels } from "../../../../src/kubelet/runtime/labels.js";
import { groupRunningPods } from "../../../../src/kubelet/runtime/running-pods.js";

const web: PodRef = { uid: "u-web", namespace: "default", name: "web" };
const db: PodRef = { uid: "u-db", namespace: "default", name: "db" };

function listed(id: string, pod: PodRef, container: string, attempt = 0, node = "n1", createdAt = 0): ContainerSummary {
  return {
    id,
    name: id,
    image: "img",
    state: "running",
    labels: containerLabels({ pod, container, node, specHash: "h", attempt }),
    createdAt,
  };
}

describe("grouping listed containers into pods", () => {
  it("puts sandboxes and containers under their pod's uid", () => {
    const pods = groupRunningPods([
      listed("s1", web, "POD"),
      listed("c1", web, "nginx"),
      listed("c2", web, "sidecar"),
      listed("s2", db, "POD"),
    ]);
    expect([...pods.keys()].sort()).toEqual(["u-db", "u-web"]);
    const pod = pods.get("u-web")!;
    expect(pod.pod).toEqual(web);
    expect(pod.sandboxes.map((s) => s.id)).toEqual(["s1"]);
    expect([...pod.containers.keys()].sort()).toEqual(["nginx", "sidecar"]);
    expect(pods.get("u-db")!.containers.size).toBe(0);
  });

  it("orders every container's attempts newest first", () => {
    const pods = groupRunningPods([
      listed("a0", web, "nginx", 0),
      listed("a2", web, "nginx", 2),
      listed("a1", web, "nginx", 1),
      listed("s0", web, "POD", 0),
      listed("s1", web, "POD", 1),
    ]);
    expect(
      pods
        .get("u-web")!
        .containers.get("nginx")!
        .map((c) => c.id),
    ).toEqual(["a2", "a1", "a0"]);
    expect(pods.get("u-web")!.sandboxes.map((c) => c.id)).toEqual(["s1", "s0"]);
  });

  it("breaks a tie in attempts by creation time", () => {
    const pods = groupRunningPods([listed("old", web, "nginx", 1, "n1", 10), listed("new", web, "nginx", 1, "n1", 20)]);
    expect(
      pods
        .get("u-web")!
        .containers.get("nginx")!
        .map((c) => c.id),
    ).toEqual(["new", "old"]);
  });

  it("leaves out containers Slipway did not create", () => {
    const foreign: ContainerSummary = {
      id: "x",
      name: "x",
      image: "i",
      state: "running",
      labels: { app: "web" },
      createdAt: 0,
    };
    expect(groupRunningPods([foreign]).size).toBe(0);
  });

  it("keeps only the given node's containers when a node is named", () => {
    const pods = groupRunningPods(
      [listed("mine", web, "nginx", 0, "n1"), listed("theirs", db, "nginx", 0, "n2")],
      "n1",
    );
    expect([...pods.keys()]).toEqual(["u-web"]);
  });
});
