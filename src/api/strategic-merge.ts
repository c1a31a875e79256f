// OWNER: sync helper. Stub signatures; replace with the real implementation.

/**
 * Applies a strategic merge patch as Kubernetes does: maps merge recursively, `null` deletes,
 * lists of named items (containers, ports, env, volumes, volumeMounts, ...) merge by their merge
 * key instead of being replaced, `$patch: delete|replace` directives honoured. `kind` selects the
 * merge keys. Pure; returns a new value.
 */
export function applyStrategicMergePatch(_kind: string, original: unknown, _patch: unknown): unknown {
  return structuredClone(original);
}
