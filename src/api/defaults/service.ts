/** Service and Endpoints defaults, as Kubernetes' `SetDefaults_Service` and `SetDefaults_Endpoints`. */
import type { KubeObject } from "../object.js";
import { recordAt, recordsAt, setDefault } from "./shape.js";

/** Service: type ClusterIP, sessionAffinity None, ports protocol TCP and targetPort = port. */
export function defaultService(obj: KubeObject): void {
  const spec = recordAt(obj, "spec");
  if (!spec) return;
  setDefault(spec, "type", "ClusterIP");
  setDefault(spec, "sessionAffinity", "None");
  for (const port of recordsAt(spec, "ports")) {
    setDefault(port, "protocol", "TCP");
    // Kubernetes treats targetPort 0 or "" like a missing one.
    const target = port.targetPort;
    if (typeof port.port === "number" && (target === undefined || target === null || target === 0 || target === "")) {
      port.targetPort = port.port;
    }
  }
}

/** Endpoints: every subset port gets protocol TCP. */
export function defaultEndpoints(obj: KubeObject): void {
  for (const subset of recordsAt(obj, "subsets")) {
    for (const port of recordsAt(subset, "ports")) setDefault(port, "protocol", "TCP");
  }
}
