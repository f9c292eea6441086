/**
 * Entry point of a worker thread of the parallel search (parallel.ts): compiles the spec, then
 * answers the coordinator's `init` and `level` requests with LevelReports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareModel } from './run.js';
import { LevelExplorer, type LevelReport, type TransferBatch, type WorkerInput } from './parallel.js';
import { SharedStore } from './shared-store.js';

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('bridge/checker/worker.ts must run as a worker thread');
const ready = prepareModel({ spec: input.spec, ...(input.config !== undefined ? { config: input.config } : {}), print: (l) => process.stdout.write(l + '\n') }).then(
  (model) => new LevelExplorer(model, new SharedStore(input.buffers), input.index, input.count),
);
port.on('message', (m: { type: 'init' | 'level' | 'take'; incoming: readonly TransferBatch[]; count: number }) => {
  void ready.then((ex) => {
    const r: LevelReport | TransferBatch = m.type === 'init' ? ex.init() : m.type === 'level' ? ex.level(m.incoming) : ex.take(m.count);
    port.postMessage(r);
  });
});
