/**
 * The pause image sandboxes run. Images under `slipway.local/` exist only where they are built, so
 * a missing one is built here from the host's static busybox (the same image examples/images
 * builds), never pulled; any other pause image is pulled through ensureImage.
 */
import { access, copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SlipwayError } from "../../api/errors.js";
import type { DockerClient } from "./client.js";
import { ensureImage, imagePresent } from "./images.js";

export const LOCAL_IMAGE_PREFIX = "slipway.local/";
const BUSYBOX_PATHS = ["/bin/busybox", "/usr/bin/busybox"];

const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
COPY pause.sh /pause.sh
RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]
RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sleep"]
ENV PATH=/bin
CMD ["/bin/sh", "/pause.sh"]
`;

// PID 1 ignores signals it has no handler for, so trap them; `sleep & wait` lets the trap run at once.
const PAUSE_SCRIPT = `trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait
done
`;

export async function findBusybox(candidates: string[] = BUSYBOX_PATHS): Promise<string | undefined> {
  for (const path of candidates) {
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return undefined;
}

/** Makes the pause image present: kept if there, built if local, pulled otherwise. */
export async function ensurePauseImage(client: DockerClient, image: string): Promise<void> {
  if (!image.startsWith(LOCAL_IMAGE_PREFIX)) {
    const result = await ensureImage(client, image, "IfNotPresent");
    if (!result.ok) throw new SlipwayError("Internal", `pause image ${image}: ${result.message}`);
    return;
  }
  if (await imagePresent(client, image)) return;
  await buildPauseImage(client, image);
}

/** Builds `tag` FROM scratch with the host's static busybox, through Docker's build API. */
export async function buildPauseImage(client: DockerClient, tag: string, busybox?: string): Promise<void> {
  const binary = busybox ?? (await findBusybox());
  if (!binary) {
    throw new SlipwayError("Internal", `cannot build the pause image ${tag}: no static busybox on this host`, {
      hint: "apt-get install -y busybox-static, or run examples/images/build.sh",
    });
  }
  const context = await mkdtemp(join(tmpdir(), "slipway-pause-"));
  try {
    await writeFile(join(context, "Dockerfile"), DOCKERFILE);
    await writeFile(join(context, "pause.sh"), PAUSE_SCRIPT);
    await copyFile(binary, join(context, "busybox"));
    const stream = await client.call(`build ${tag}`, (d) =>
      d.buildImage(
        { context, src: ["Dockerfile", "pause.sh", "busybox"] },
        { t: tag, labels: { "io.slipway.image": "true" }, rm: true, forcerm: true },
      ),
    );
    await new Promise<void>((resolve, reject) => {
      client.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[] = []) => {
        const failed = output.find((event) => event.error);
        if (error) reject(error);
        else if (failed?.error) reject(new SlipwayError("Internal", `build ${tag}: ${failed.error}`));
        else resolve();
      });
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
