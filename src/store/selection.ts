import type { ListOptions } from "../api/client.js";
import type { KubeObject } from "../api/object.js";
import { parseFieldSelector, parseLabelSelector } from "../api/selector/index.js";

/** A predicate over objects built from list/watch options; undefined when nothing is filtered. */
export type Selection = ((obj: KubeObject) => boolean) | undefined;

/** Parses the selectors once (throwing BadRequest for bad syntax) and combines them (AND). */
export function selectionFor(options: ListOptions): Selection {
  const label = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
  const field = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined;
  const labelTest = label && !label.empty ? label : undefined;
  const fieldTest = field && !field.empty ? field : undefined;
  if (!labelTest && !fieldTest) return undefined;
  return (obj) => (!labelTest || labelTest.matches(obj.metadata.labels)) && (!fieldTest || fieldTest.matches(obj));
}
