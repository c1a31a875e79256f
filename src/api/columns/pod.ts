import type { KubeObject } from "../object.js";
import { arr, field, str } from "./fields.js";
import type { Column } from "./index.js";

/**
 * The STATUS kubectl shows for a pod: the most telling reason among phase, init containers,
 * containers and deletion, in kubectl's precedence (printPod in kubectl's printers).
 */
export function podStatus(pod: KubeObject): string {
  let reason = str(pod, "status.reason") || str(pod, "status.phase", "Pending");
  let initializing = false;
  const initStatuses = arr(pod, "status.initContainerStatuses");
  initStatuses.forEach((s, i) => {
    if (initializing) return;
    const terminated = field(s, "state.terminated") as Record<string, unknown> | undefined;
    const waiting = field(s, "state.waiting") as Record<string, unknown> | undefined;
    if (terminated && terminated.exitCode === 0) return;
    initializing = true;
    if (terminated) reason = `Init:${String(terminated.reason ?? `ExitCode:${String(terminated.exitCode)}`)}`;
    else if (waiting?.reason && waiting.reason !== "PodInitializing") reason = `Init:${String(waiting.reason)}`;
    else reason = `Init:${i}/${arr(pod, "spec.initContainers").length}`;
  });
  if (!initializing) {
    let hasRunning = false;
    for (const s of [...arr(pod, "status.containerStatuses")].reverse()) {
      const waiting = field(s, "state.waiting") as Record<string, unknown> | undefined;
      const terminated = field(s, "state.terminated") as Record<string, unknown> | undefined;
      if (waiting?.reason) reason = String(waiting.reason);
      else if (terminated?.reason) reason = String(terminated.reason);
      else if (terminated) {
        reason = terminated.signal ? `Signal:${String(terminated.signal)}` : `ExitCode:${String(terminated.exitCode)}`;
      } else if (s.ready === true && field(s, "state.running")) hasRunning = true;
    }
    if (reason === "Completed" && hasRunning) reason = "Running";
  }
  if (pod.metadata.deletionTimestamp) reason = "Terminating";
  return reason;
}

function readyCount(pod: KubeObject): string {
  const statuses = arr(pod, "status.containerStatuses");
  const total = arr(pod, "spec.containers").length;
  return `${statuses.filter((s) => s.ready === true).length}/${total}`;
}

function restarts(pod: KubeObject): string {
  return String(arr(pod, "status.containerStatuses").reduce((n, s) => n + (Number(s.restartCount) || 0), 0));
}

export function podColumns(ageColumn: Column): Column[] {
  return [
    { header: "READY", value: readyCount },
    { header: "STATUS", value: podStatus },
    { header: "RESTARTS", value: restarts },
    ageColumn,
    { header: "IP", wide: true, value: (p) => str(p, "status.podIP", "<none>") },
    { header: "NODE", wide: true, value: (p) => str(p, "spec.nodeName", "<none>") },
    { header: "NOMINATED NODE", wide: true, value: (p) => str(p, "status.nominatedNodeName", "<none>") },
    { header: "READINESS GATES", wide: true, value: () => "<none>" },
  ];
}
