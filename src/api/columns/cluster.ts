import { age } from "../age.js";
import type { KubeObject } from "../object.js";
import { arr, record, str } from "./fields.js";
import type { Column } from "./index.js";

function dataCount(obj: KubeObject): string {
  return String(Object.keys(record(obj, "data")).length + Object.keys(record(obj, "binaryData")).length);
}

export function configColumns(ageColumn: Column): Column[] {
  return [{ header: "DATA", value: dataCount }, ageColumn];
}

export function secretColumns(ageColumn: Column): Column[] {
  return [{ header: "TYPE", value: (s) => str(s, "type", "Opaque") }, { header: "DATA", value: dataCount }, ageColumn];
}

export function namespaceColumns(ageColumn: Column): Column[] {
  return [{ header: "STATUS", value: (n) => str(n, "status.phase", "Active") }, ageColumn];
}

/** Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned, as kubectl shows nodes. */
export function nodeStatus(node: KubeObject): string {
  const ready = arr(node, "status.conditions").find((c) => c.type === "Ready");
  const state = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
  return record(node, "spec").unschedulable === true ? `${state},SchedulingDisabled` : state;
}

function nodeRoles(node: KubeObject): string {
  const prefix = "node-role.kubernetes.io/";
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  return roles.length ? roles.sort().join(",") : "<none>";
}

function address(node: KubeObject, type: string): string {
  const found = arr(node, "status.addresses").find((a) => a.type === type);
  return found ? String(found.address) : "<none>";
}

export function nodeColumns(ageColumn: Column): Column[] {
  return [
    { header: "STATUS", value: nodeStatus },
    { header: "ROLES", value: nodeRoles },
    ageColumn,
    { header: "VERSION", value: (n) => str(n, "status.nodeInfo.kubeletVersion", "") },
    { header: "INTERNAL-IP", wide: true, value: (n) => address(n, "InternalIP") },
    { header: "EXTERNAL-IP", wide: true, value: (n) => address(n, "ExternalIP") },
    { header: "OS-IMAGE", wide: true, value: (n) => str(n, "status.nodeInfo.osImage", "<unknown>") },
    { header: "KERNEL-VERSION", wide: true, value: (n) => str(n, "status.nodeInfo.kernelVersion", "<unknown>") },
    {
      header: "CONTAINER-RUNTIME",
      wide: true,
      value: (n) => str(n, "status.nodeInfo.containerRuntimeVersion", "<unknown>"),
    },
  ];
}

export function eventColumns(): Column[] {
  return [
    {
      header: "LAST SEEN",
      value: (e, now) => age(str(e, "lastTimestamp") || str(e, "eventTime") || e.metadata.creationTimestamp, now),
    },
    { header: "TYPE", value: (e) => str(e, "type", "Normal") },
    { header: "REASON", value: (e) => str(e, "reason") },
    {
      header: "OBJECT",
      value: (e) => `${str(e, "involvedObject.kind").toLowerCase()}/${str(e, "involvedObject.name")}`,
    },
    { header: "MESSAGE", value: (e) => str(e, "message") },
  ];
}
