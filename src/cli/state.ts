/**
 * The state directory: where `up` keeps the store, the token and the kubeconfig, and where client
 * commands look for the server. Precedence: --state, then $SLIPWAY_STATE, then
 * $XDG_STATE_HOME/slipway (or ~/.local/state/slipway).
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export function stateDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.SLIPWAY_STATE) return resolve(env.SLIPWAY_STATE);
  const base = env.XDG_STATE_HOME || join(homedir(), ".local", "state");
  return join(base, "slipway");
}

export function statePaths(dir: string) {
  return {
    dir,
    store: join(dir, "store.db"),
    token: join(dir, "token"),
    kubeconfig: join(dir, "kubeconfig"),
  };
}
