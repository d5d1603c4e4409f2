// A turn of the event loop without setTimeout's clamp. Browsers delay a setTimeout(0) set from inside a
// timer task by 4 ms once timers nest five deep, as the loader's yields do; a message to oneself is not
// delayed. The loader yields often while it parses (every YIELD_INTERVAL_MS) because a worker reading a Blob
// copies each arriving piece on its own thread: while the parser holds the thread the Blob's data pipe fills
// up and the browser stops sending, so the next slice is late. In headless Chromium on a 2-core machine at
// load averages of 16–18, a worker parsing a 52 MB CSV while reading it in 4 MB slices waited 130–680 ms
// (median about 430) for bytes when it yielded every 100 ms, 45–140 ms (one run 550) when it yielded every 10 ms.

/** How often the text loader gives the event loop a turn while parsing; defaults to 10 ms. */
export const YIELD_INTERVAL_MS = 10;

type Resolve = () => void;

let channel: MessageChannel | null = null;
const waiting: Resolve[] = [];

/** Resolves on a later task of the event loop (setImmediate in Node, a MessageChannel message elsewhere). */
export function yieldNow(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(0);
  });
}
