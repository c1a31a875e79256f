import { describe, expect, it } from "vitest";
import type { Taint } from "../../../../src/api/types/node.js";
import type { Toleration } from "../../../../src/api/types/pod.js";
import { taintToleration } from "../../../../src/scheduler/plugins/taint-toleration.js";
import { cycleState, newNode, newPod, nodeInfo } from "../builders.js";

const dedicated: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };

describe("TaintToleration", () => {
  it.each<[string, Taint[], Toleration[], string[]]>([
    ["an untainted node takes any pod", [], [], []],
    ["an untolerated taint is named", [dedicated], [], ["node(s) had untolerated taint {dedicated: gpu}"]],
    ["Equal with the value tolerates", [dedicated], [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }], []],
    [
      "Equal with another value does not",
      [dedicated],
      [{ key: "dedicated", value: "db" }],
      ["node(s) had untolerated taint {dedicated: gpu}"],
    ],
    ["Exists on the key tolerates any value", [dedicated], [{ key: "dedicated", operator: "Exists" }], []],
    ["Exists without a key tolerates everything", [dedicated], [{ operator: "Exists" }], []],
    [
      "another effect does not tolerate",
      [dedicated],
      [{ key: "dedicated", operator: "Exists", effect: "NoExecute" }],
      ["node(s) had untolerated taint {dedicated: gpu}"],
    ],
    ["NoExecute keeps pods away too", [{ key: "k", effect: "NoExecute" }], [], ["node(s) had untolerated taint {k: }"]],
    ["PreferNoSchedule does not filter", [{ key: "k", effect: "PreferNoSchedule" }], [], []],
  ])("%s", (_, taints, tolerations, reasons) => {
    const pod = newPod("p", { spec: { tolerations } });
    const status = taintToleration.filter(pod, nodeInfo(newNode("n", { taints })), cycleState(pod));
    expect(status.reasons).toEqual(reasons);
  });
});
