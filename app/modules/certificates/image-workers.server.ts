// Certificate images rendered on a small pool of worker threads. resvg's
// `renderAsync` draws off the main thread but encodes the PNG on it (about a
// third of an image's time); in a worker both happen away from the server's
// requests and from the PDFs being drawn beside them, one image per core.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

/**
 * The worker's code, evaluated as a script so that it needs no file of its own
 * beside the server bundle (the app runs from Vite's build, from tsx and under
 * Vitest alike); resvg is required by the absolute path resolved here.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { Resvg } = require(workerData.resvg);
parentPort.on("message", ({ id, svg, options }) => {
  try {
    const png = new Resvg(svg, options).render().asPng();
    parentPort.postMessage({ id, png });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

export type ImageRenderOptions = {
  fitTo: { mode: "width"; value: number };
  font: { fontFiles: string[]; loadSystemFonts: false; defaultFontFamily: string };
};

type Task = { id: number; svg: string; options: ImageRenderOptions; resolve: (png: Uint8Array) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; task: Task | null };

/** Two at most: the machine the academy runs on may have two cores, and the PDFs and requests need the main thread. */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
/** Idle workers are ended after this long, so a server that issued once does not keep them. */
const IDLE_MS = 30_000;

const slots: Slot[] = [];
const queue: Task[] = [];
let nextId = 1;
let idleTimer: NodeJS.Timeout | null = null;

function startWorker(): Slot {
  const worker = new Worker(workerSource, { eval: true, workerData: { resvg: require.resolve("@resvg/resvg-js") } });
  const slot: Slot = { worker, task: null };
  worker.on("message", (message: { id: number; png?: Uint8Array; error?: string }) => {
    const task = slot.task;
    slot.task = null;
    if (task && task.id === message.id) {
      if (message.png) task.resolve(new Uint8Array(message.png.buffer, message.png.byteOffset, message.png.byteLength));
      else task.reject(new Error(`Certificate image: ${message.error ?? "no image"}`));
    }
    dispatch();
  });
  worker.on("error", (error) => {
    // A crashed worker fails its task and is replaced on the next dispatch.
    slot.task?.reject(error);
    slot.task = null;
    slots.splice(slots.indexOf(slot), 1);
    dispatch();
  });
  worker.unref();
  slots.push(slot);
  return slot;
}

function dispatch(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.task === null) ?? (slots.length < POOL_SIZE ? startWorker() : null);
    if (!slot) break;
    const task = queue.shift()!;
    slot.task = task;
    // A busy worker keeps the process alive until its image is back; an idle one does not.
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, svg: task.svg, options: task.options });
  }
  for (const slot of slots) if (slot.task === null) slot.worker.unref();
  if (idleTimer) clearTimeout(idleTimer);
  if (slots.length > 0 && slots.every((s) => s.task === null)) {
    idleTimer = setTimeout(stopIdleWorkers, IDLE_MS);
    idleTimer.unref();
  }
}

function stopIdleWorkers(): void {
  for (const slot of [...slots]) {
    if (slot.task !== null) continue;
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }
}

/** Renders `svg` to PNG bytes on the pool; images queue when every worker is busy. */
export function renderPngOnPool(svg: string, options: ImageRenderOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, svg, options, resolve, reject });
    dispatch();
  });
}
