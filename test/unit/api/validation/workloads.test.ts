import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Deployment, ReplicaSet, ReplicationController } from "../../../../src/api/types/index.js";
import { deployment, edit, messages, replicaSet, replicationController } from "./objects.js";

const MISMATCH = "`selector` does not match template `labels`";

const rcCases: [string, ReplicationController, string[]][] = [
  ["a valid replication controller has no errors", replicationController(), []],
  [
    "refuses negative replicas",
    edit(replicationController(), (rc) => {
      rc.spec!.replicas = -1;
    }),
    ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
  ],
  [
    "accepts a missing selector that the template labels will default",
    edit(replicationController(), (rc) => void delete rc.spec!.selector),
    [],
  ],
  [
    "requires a selector when there are no template labels to default it from",
    edit(replicationController(), (rc) => {
      delete rc.spec!.selector;
      delete rc.spec!.template!.metadata;
    }),
    ["spec.selector: Required value"],
  ],
  [
    "refuses a selector that does not match the template labels",
    edit(replicationController(), (rc) => {
      rc.spec!.selector = { app: "api" };
    }),
    [`spec.template.metadata.labels: Invalid value: {"app":"web"}: ${MISMATCH}`],
  ],
  [
    "allows only restartPolicy Always in the template",
    edit(replicationController(), (rc) => {
      rc.spec!.template!.spec.restartPolicy = "OnFailure";
    }),
    ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
  ],
  [
    "names the template's missing image with its full path",
    edit(replicationController(), (rc) => {
      rc.spec!.template!.spec.containers[0]!.image = "";
    }),
    ["spec.template.spec.containers[0].image: Required value"],
  ],
  [
    "requires a template",
    edit(replicationController(), (rc) => void delete rc.spec!.template),
    ["spec.template: Required value"],
  ],
];

const rsCases: [string, ReplicaSet, string[]][] = [
  ["a valid replica set has no errors", replicaSet(), []],
  [
    "requires a selector",
    edit(replicaSet(), (rs) => void delete (rs.spec as Partial<ReplicaSet["spec"]>).selector),
    ["spec.selector: Required value"],
  ],
  [
    "refuses an empty selector",
    edit(replicaSet(), (rs) => {
      rs.spec.selector = {};
    }),
    ["spec.selector: Invalid value: {}: empty selector is invalid for deployment"],
  ],
  [
    "matches set-based selectors against the template labels",
    edit(replicaSet(), (rs) => {
      rs.spec.selector = { matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] };
    }),
    [],
  ],
  [
    "refuses a set-based selector the template labels do not satisfy",
    edit(replicaSet(), (rs) => {
      rs.spec.selector = { matchExpressions: [{ key: "tier", operator: "Exists" }] };
    }),
    [`spec.template.metadata.labels: Invalid value: {"app":"web"}: ${MISMATCH}`],
  ],
  [
    "refuses an unknown selector operator",
    edit(replicaSet(), (rs) => {
      rs.spec.selector = { matchExpressions: [{ key: "app", operator: "Is" as "In" }] };
    }),
    ['spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator'],
  ],
  [
    "refuses values with operator Exists",
    edit(replicaSet(), (rs) => {
      rs.spec.selector = { matchExpressions: [{ key: "app", operator: "Exists", values: ["web"] }] };
    }),
    [
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ],
  ],
];

const deploymentCases: [string, Deployment, string[]][] = [
  ["a valid deployment has no errors", deployment(), []],
  [
    "refuses maxSurge and maxUnavailable both 0",
    edit(deployment(), (d) => {
      d.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } };
    }),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
  ],
  [
    "refuses a malformed percentage",
    edit(deployment(), (d) => {
      d.spec.strategy = { rollingUpdate: { maxSurge: "ten" } };
    }),
    [
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "ten": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    ],
  ],
  [
    "refuses maxUnavailable above 100%",
    edit(deployment(), (d) => {
      d.spec.strategy = { rollingUpdate: { maxUnavailable: "150%" } };
    }),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'],
  ],
  [
    "refuses a negative maxSurge",
    edit(deployment(), (d) => {
      d.spec.strategy = { rollingUpdate: { maxSurge: -1 } };
    }),
    ["spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"],
  ],
  [
    "refuses rollingUpdate with the Recreate strategy",
    edit(deployment(), (d) => {
      d.spec.strategy = { type: "Recreate", rollingUpdate: { maxSurge: 1 } };
    }),
    ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
  ],
  [
    "refuses an unknown strategy type",
    edit(deployment(), (d) => {
      d.spec.strategy = { type: "BlueGreen" as "Recreate" };
    }),
    ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"'],
  ],
  [
    "requires the progress deadline to exceed minReadySeconds",
    edit(deployment(), (d) => {
      d.spec.minReadySeconds = 10;
      d.spec.progressDeadlineSeconds = 10;
    }),
    ["spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"],
  ],
  [
    "refuses a negative revisionHistoryLimit",
    edit(deployment(), (d) => {
      d.spec.revisionHistoryLimit = -1;
    }),
    ["spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"],
  ],
  [
    "refuses a selector that does not match the template",
    edit(deployment(), (d) => {
      d.spec.selector = { matchLabels: { app: "api" } };
    }),
    [`spec.template.metadata.labels: Invalid value: {"app":"web"}: ${MISMATCH}`],
  ],
];

describe("validateObject on workloads", () => {
  it.each<[string, KubeObject, string[]]>([
    ...rcCases.map(([n, o, e]): [string, KubeObject, string[]] => [`ReplicationController: ${n}`, o, e]),
    ...rsCases.map(([n, o, e]): [string, KubeObject, string[]] => [`ReplicaSet: ${n}`, o, e]),
    ...deploymentCases.map(([n, o, e]): [string, KubeObject, string[]] => [`Deployment: ${n}`, o, e]),
  ])("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
