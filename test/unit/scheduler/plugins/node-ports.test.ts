import { describe, expect, it } from "vitest";
import type { ContainerPort } from "../../../../src/api/types/container.js";
import { nodePorts } from "../../../../src/scheduler/plugins/node-ports.js";
import { cycleState, newNode, newPod, nodeInfo } from "../builders.js";

const MESSAGE = "node(s) didn't have free ports for the requested pod ports";

describe("NodePorts", () => {
  it.each<[string, ContainerPort[], ContainerPort[], boolean]>([
    ["no host ports always fit", [{ containerPort: 80 }], [{ containerPort: 80, hostPort: 80 }], true],
    ["a free port fits", [{ containerPort: 80, hostPort: 8080 }], [{ containerPort: 80, hostPort: 80 }], true],
    ["the same port conflicts", [{ containerPort: 80, hostPort: 80 }], [{ containerPort: 81, hostPort: 80 }], false],
    [
      "another protocol does not conflict",
      [{ containerPort: 53, hostPort: 53, protocol: "UDP" }],
      [{ containerPort: 53, hostPort: 53 }],
      true,
    ],
    [
      "distinct addresses do not conflict",
      [{ containerPort: 80, hostPort: 80, hostIP: "127.0.0.2" }],
      [{ containerPort: 80, hostPort: 80, hostIP: "127.0.0.1" }],
      true,
    ],
    [
      "the wildcard address conflicts with any",
      [{ containerPort: 80, hostPort: 80 }],
      [{ containerPort: 80, hostPort: 80, hostIP: "127.0.0.1" }],
      false,
    ],
  ])("%s", (_, wanted, taken, fits) => {
    const pod = newPod("p", { hostPorts: wanted });
    const info = nodeInfo(newNode("n"), newPod("other", { hostPorts: taken }));
    expect(nodePorts.filter(pod, info, cycleState(pod)).reasons).toEqual(fits ? [] : [MESSAGE]);
  });

  it("frees a port when the pod holding it is removed", () => {
    const holder = newPod("other", { hostPorts: [{ containerPort: 80, hostPort: 80 }] });
    const info = nodeInfo(newNode("n"), holder);
    info.removePod("uid-other");
    const pod = newPod("p", { hostPorts: [{ containerPort: 80, hostPort: 80 }] });
    expect(nodePorts.filter(pod, info, cycleState(pod)).code).toBe("Success");
  });
});
