/**
 * Pod spec defaults, as Kubernetes' `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_Probe`
 * and `SetDefaults_HTTPGetAction` set them; applied to Pods and to every pod template.
 */
import { type JsonRecord, recordAt, recordsAt, setDefault } from "./shape.js";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const CONTAINER_LISTS = ["initContainers", "containers"] as const;

/**
 * The pull policy Kubernetes picks for an image: Always for an explicit `:latest` tag or for no tag
 * and no digest, IfNotPresent otherwise. The tag is what follows the last `:` of the last path
 * segment (before any `@digest`), so a registry port (`localhost:5000/app`) is not a tag.
 */
export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  const at = image.indexOf("@");
  const name = at === -1 ? image : image.slice(0, at);
  const lastSegment = name.slice(name.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  const tag = colon === -1 ? "" : lastSegment.slice(colon + 1);
  if (tag === "latest") return "Always";
  return tag === "" && at === -1 ? "Always" : "IfNotPresent";
}

function defaultHttpGet(handler: JsonRecord | undefined): void {
  const httpGet = handler && recordAt(handler, "httpGet");
  if (!httpGet) return;
  setDefault(httpGet, "path", "/");
  setDefault(httpGet, "scheme", "HTTP");
}

function defaultProbe(probe: JsonRecord): void {
  setDefault(probe, "timeoutSeconds", 1);
  setDefault(probe, "periodSeconds", 10);
  setDefault(probe, "successThreshold", 1);
  setDefault(probe, "failureThreshold", 3);
  defaultHttpGet(probe);
}

function defaultContainer(container: JsonRecord): void {
  if (typeof container.image === "string") {
    setDefault(container, "imagePullPolicy", defaultImagePullPolicy(container.image));
  }
  setDefault(container, "terminationMessagePath", "/dev/termination-log");
  setDefault(container, "terminationMessagePolicy", "File");
  for (const port of recordsAt(container, "ports")) setDefault(port, "protocol", "TCP");
  for (const name of PROBES) {
    const probe = recordAt(container, name);
    if (probe) defaultProbe(probe);
  }
  const lifecycle = recordAt(container, "lifecycle");
  if (lifecycle) {
    defaultHttpGet(recordAt(lifecycle, "postStart"));
    defaultHttpGet(recordAt(lifecycle, "preStop"));
  }
}

/** Fills a pod spec's defaults in place (callers pass their own copy). */
export function defaultPodSpec(spec: JsonRecord): void {
  setDefault(spec, "restartPolicy", "Always");
  setDefault(spec, "terminationGracePeriodSeconds", 30);
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "schedulerName", "default-scheduler");
  for (const list of CONTAINER_LISTS) {
    for (const container of recordsAt(spec, list)) defaultContainer(container);
  }
}

/** Fills the spec of a pod template (`spec.template` of a workload) in place, if there is one. */
export function defaultPodTemplate(workloadSpec: JsonRecord): void {
  const template = recordAt(workloadSpec, "template");
  const spec = template && recordAt(template, "spec");
  if (spec) defaultPodSpec(spec);
}
