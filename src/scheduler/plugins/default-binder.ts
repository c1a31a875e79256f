import type { Pod } from "../../api/types/pod.js";
import type { BindPlugin } from "../framework/plugin.js";

/**
 * Binds by setting spec.nodeName with the resourceVersion the scheduler read (the registry lets a
 * pod's nodeName be set once), so a pod changed or bound meanwhile fails with Conflict.
 */
export const defaultBinder = {
  name: "DefaultBinder",
  bind: async (client, pod, nodeName) => {
    const bound = structuredClone(pod);
    bound.spec.nodeName = nodeName;
    return (await client.update(bound)) as Pod;
  },
} satisfies BindPlugin;
