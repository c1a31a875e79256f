/** `slipway delete -f PATH`: deletes every object the manifests declare that exists; the rest is reported. */
import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import { keyOf } from "../../api/object.js";
import { loadManifests, manifestsInvalidError } from "../../source/index.js";
import { objectName } from "../output/format.js";
import { type CommandResult, EXIT } from "../result.js";

export async function deleteFilesCommand(
  client: Client,
  path: string,
  options: { namespace: string },
): Promise<CommandResult> {
  const loaded = await loadManifests(path, { defaultNamespace: options.namespace });
  if (loaded.errors.length > 0) throw manifestsInvalidError(loaded.errors);
  const lines: string[] = [];
  let missing = 0;
  // Reverse of apply's order: workloads go before the namespaces and config they use.
  for (const { object } of [...loaded.objects].reverse()) {
    const key = keyOf(object);
    try {
      await client.delete(key.kind, key.namespace, key.name);
      lines.push(`${objectName(object)} deleted`);
    } catch (error) {
      if (!isSlipwayError(error, "NotFound")) throw error;
      missing++;
      lines.push(`${objectName(object)} not found`);
    }
  }
  return {
    output: lines.join("\n"),
    exitCode: missing === loaded.objects.length && missing > 0 ? EXIT.notFound : EXIT.ok,
  };
}
