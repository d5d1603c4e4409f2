// One histogram thread of the training worker's pool (see src/lib/ml/parallel/browser-threads.ts): take
// the port the pool's data will come on, say ready, then build histograms until told to quit.
import { HISTOGRAM_WORKER_READY, type HistogramWorkerPort } from '../src/lib/ml/parallel/browser-threads.ts';
import { histogramWorkerMain, type HistogramWorkerData } from '../src/lib/ml/parallel/histogram-kernel.ts';

self.addEventListener('message', (e: MessageEvent<HistogramWorkerPort>) => {
  e.data.port.addEventListener('message', (m: MessageEvent<HistogramWorkerData>) => histogramWorkerMain(m.data), { once: true });
  e.data.port.start();
  self.postMessage(HISTOGRAM_WORKER_READY);
}, { once: true });
